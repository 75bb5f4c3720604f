// json-server 0.17 ships no types; these cover the module API this project uses.
declare module 'json-server' {
  import type { Express, RequestHandler } from 'express';

  interface DefaultsOptions {
    logger?: boolean;
    static?: string;
    noCors?: boolean;
    noGzip?: boolean;
    readOnly?: boolean;
  }

  const jsonServer: {
    create(): Express;
    defaults(options?: DefaultsOptions): RequestHandler[];
    bodyParser: RequestHandler[];
    rewriter(routes: Record<string, string>): RequestHandler;
  };
  export default jsonServer;
}
