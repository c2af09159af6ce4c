// The frame of every portal page: the company bar with the sections, who is signed in, and the sign-out
// button; the page's own content in <main>.
import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { Identity } from './context.js';
import { ClockFaceLink } from './render.js';

export interface LayoutProps {
  title: string;
  /** Absent on the sign-in page. */
  identity?: Identity;
  csrf?: string;
  /** Which section of the bar is current. */
  section?: 'employees' | 'clocks' | 'punches' | 'timesheets' | 'audit' | 'account';
  /** A message after an action: `{ kind: 'ok', text: 'Saved' }`. */
  flash?: Flash;
  children: ComponentChildren;
}

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

const SECTIONS = [
  ['employees', '/employees', 'Employees'],
  ['clocks', '/clocks', 'Clocks'],
  ['punches', '/punches', 'Punches'],
  ['timesheets', '/timesheets', 'Timesheets'],
  ['audit', '/audit', 'Audit'],
  ['account', '/account', 'Account'],
] as const;

export function Layout({ title, identity, csrf, section, flash, children }: LayoutProps) {
  const face = useContext(ClockFaceLink);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · timeclock portal`}</title>
        <link rel="stylesheet" href="/assets/portal.css" />
        <script src="/assets/portal.js" defer></script>
      </head>
      <body>
        <header class="bar">
          <a class="brand" href="/employees">
            timeclock portal
          </a>
          {identity && (
            <nav aria-label="Sections">
              {SECTIONS.map(([key, href, label]) => (
                <a href={href} aria-current={section === key ? 'page' : undefined}>
                  {label}
                </a>
              ))}
              {face && <a href={face.href}>Clock</a>}
            </nav>
          )}
          {identity && csrf && (
            <form class="who" method="post" action="/signout">
              <span>
                {identity.username} ({identity.role === 'sysadmin' ? 'SysAdmin' : 'read-only'})
              </span>
              <input type="hidden" name="_csrf" value={csrf} />
              <button type="submit">Sign out</button>
            </form>
          )}
        </header>
        <main id="main">
          {flash && (
            <p class={`flash ${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
              {flash.text}
            </p>
          )}
          {children}
        </main>
      </body>
    </html>
  );
}
