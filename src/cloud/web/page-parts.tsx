// The small pieces the portal's pages are built of: the way back above a title, a refusal read out at
// once, a filter form's buttons, a form's Cancel and submit. Written once, so that a page reads as what
// it shows, and the same thing looks (and is announced) the same on every page.
import type { ComponentChildren } from 'preact';

/** The way back, above a page's title. */
export function Crumbs({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <p class="crumbs">
      <a href={href}>{children}</a>
    </p>
  );
}

/** Why a form or a filter was refused, announced at once; nothing when it was not. */
export function Problem({ error }: { error: string | undefined }) {
  return error === undefined ? null : (
    <p class="flash error" role="alert">
      {error}
    </p>
  );
}

/** A field-level refusal that is announced at once (the field's `id-error` ties it to the input). */
export function FieldAlert({ id, error }: { id: string; error: string | null | undefined }) {
  return !error ? null : (
    <p id={id} class="field-error" role="alert">
      {error}
    </p>
  );
}

/** A filter form's submit, then the export of what it shows. */
export function FilterButtons({ show, csv }: { show: string; csv: string }) {
  return (
    <>
      <button type="submit" class="primary">
        {show}
      </button>
      <a class="button" href={csv} download>
        Export CSV
      </a>
    </>
  );
}

/** A form's way out, then its primary action. */
export function CancelAndSubmit(props: { cancel: string; cancelLabel?: string; submit: string }) {
  return (
    <>
      <a class="button" href={props.cancel}>
        {props.cancelLabel ?? 'Cancel'}
      </a>
      <button type="submit" class="primary">
        {props.submit}
      </button>
    </>
  );
}

/** A table's head: one row of column headings, each `scope="col"`. */
export function ColumnHeads({ names }: { names: readonly string[] }) {
  return (
    <thead>
      <tr>
        {names.map((name) => (
          <th scope="col">{name}</th>
        ))}
      </tr>
    </thead>
  );
}
