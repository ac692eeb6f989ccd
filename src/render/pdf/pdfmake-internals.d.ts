// pdfmake 0.3 exposes a singleton whose fonts and virtual file system are shared by every render.
// gongwen builds each document with its own Printer and file system instead, so concurrent renders
// cannot see each other's fonts; these are the internal modules it uses.
declare module 'pdfmake/js/Printer' {
  import type { TDocumentDefinitions } from 'pdfmake/interfaces';
  export interface PdfKitDocument {
    on(event: 'data', cb: (chunk: Uint8Array) => void): void;
    on(event: 'end', cb: () => void): void;
    on(event: 'error', cb: (err: unknown) => void): void;
    end(): void;
  }
  export default class Printer {
    constructor(
      fonts: Record<string, Record<string, string | [string, string]>>,
      virtualfs: unknown,
      urlResolver: unknown,
      localAccessPolicy?: (path: string) => boolean,
    );
    createPdfKitDocument(doc: TDocumentDefinitions, options?: object): Promise<PdfKitDocument>;
  }
}

declare module 'pdfmake/js/virtual-fs' {
  interface VirtualFileSystem {
    constructor: new () => VirtualFileSystem;
    writeFileSync(name: string, content: Uint8Array): void;
  }
  const vfs: VirtualFileSystem;
  export default vfs;
}

declare module 'pdfmake/js/URLResolver' {
  export default class URLResolver {
    constructor(fs: unknown);
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
  }
}
