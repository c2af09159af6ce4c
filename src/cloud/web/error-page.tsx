// The page for a refusal or a failure: the status, what happened, and a way back.
import type { Identity } from './context.js';
import { Layout } from './layout.js';

export function ErrorPage({ status, message, identity }: { status: number; message: string; identity?: Identity }) {
  const title = status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : status >= 500 ? 'Error' : 'Refused';
  return (
    <Layout title={title} identity={identity}>
      <h1>{title}</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/employees">Back to the employees</a>
      </p>
    </Layout>
  );
}
