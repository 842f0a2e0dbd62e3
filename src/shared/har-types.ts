/**
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the parts Hookscope
 * writes and reads. Fields starting with `_` are custom, as the spec allows:
 * `_hookscope` carries what HAR has no place for (endpoint, raw path and query,
 * verdict, truncation), so a HAR exported here imports back whole.
 */
export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarPostData {
  mimeType: string;
  text: string;
  /** 'base64' when the body is not UTF-8 text (a custom field; HAR 1.2 has none for request bodies). */
  _encoding?: 'base64';
}

export interface HarContent {
  size: number;
  mimeType: string;
  text?: string;
  encoding?: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: HarPostData;
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    content: HarContent;
    redirectURL: string;
    headersSize: number;
    bodySize: number;
    _error?: string;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  comment?: string;
  _hookscope?: HarHookscopeExtra;
}

/** What a Hookscope capture has that HAR does not. */
export interface HarHookscopeExtra {
  id: number;
  endpoint: string;
  path: string;
  query: string;
  url: string;
  remoteAddress: string | null;
  remotePort: number | null;
  bodySize: number;
  bodySha256: string;
  truncated: boolean;
  error: string | null;
  /** The answer Hookscope gave, as recorded (kind answered, hang, reset, none). */
  response: unknown;
  provider: string | null;
  eventType: string | null;
  signatureStatus: string | null;
  signature: unknown;
}

export interface HarDocument {
  log: {
    version: string;
    creator: { name: string; version: string };
    entries: HarEntry[];
    comment?: string;
  };
}
