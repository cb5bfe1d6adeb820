/** Absolute path of apps/web/dist, which `vite build` writes. */
export declare const webDistPath: string;
