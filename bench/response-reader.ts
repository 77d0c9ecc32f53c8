/** What the open loop needs of a whole HTTP/1.x answer: its status and whether its connection can carry another. */
export interface Answer {
  status: number;
  keepAlive: boolean;
  /** How long the server keeps the connection open while idle, when it says (`Keep-Alive: timeout=5`). */
  idleTimeoutMs?: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const LINE_END = Buffer.from('\r\n');
const CR = 13;
const LF = 10;
/** A head longer than this is not an answer the benchmark's server sends: the connection is refused, not read. */
const MAX_HEAD_BYTES = 64 * 1024;

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'until-close';

/**
 * Reads one HTTP/1.x answer at a time off a keep-alive connection, as its bytes arrive in any split: the status
 * line, the headers it needs (Content-Length, Transfer-Encoding: chunked, Connection), and the body to its last
 * byte without keeping it, so a connection is reused only once its answer was read whole. Interim 1xx answers
 * are skipped. Nothing is pipelined, so a byte after the answer's end is a broken server, reported as one.
 */
export class ResponseReader {
  private state: State = 'head';
  /** Bytes of a head, chunk-size line or trailer section not complete yet. */
  private pending: Buffer | undefined;
  /** Body bytes still to come (the chunk's CRLF included in chunk-data). */
  private remaining = 0;
  private answer: Answer = { status: 0, keepAlive: false };

  /** The answer once its last byte is in, else undefined; throws on bytes that are not an HTTP/1.x answer. */
  read(chunk: Buffer): Answer | undefined {
    const data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    let at = 0;
    for (;;) {
      switch (this.state) {
        case 'head': {
          const end = data.indexOf(HEAD_END, at);
          if (end < 0) return this.wait(data, at);
          const body = this.head(data.toString('latin1', at, end));
          at = end + HEAD_END.length;
          if (body === 'none') return this.done(data, at);
          break;
        }
        case 'length':
        case 'chunk-data': {
          const taken = Math.min(this.remaining, data.length - at);
          this.remaining -= taken;
          at += taken;
          if (this.remaining > 0) return undefined;
          if (this.state === 'length') return this.done(data, at);
          this.state = 'chunk-end';
          break;
        }
        case 'chunk-end':
          if (data.length - at < LINE_END.length) return this.wait(data, at);
          if (data[at] !== CR || data[at + 1] !== LF) throw new Error('a chunk does not end in CRLF');
          at += LINE_END.length;
          this.state = 'chunk-size';
          break;
        case 'chunk-size': {
          const end = data.indexOf(LINE_END, at);
          if (end < 0) return this.wait(data, at);
          const line = data.toString('latin1', at, end);
          const hex = (line.split(';', 1)[0] ?? '').trim();
          if (!/^[0-9a-fA-F]{1,8}$/.test(hex)) throw new Error(`a chunk size that is not hexadecimal: ${line}`);
          const size = Number.parseInt(hex, 16);
          at = end + LINE_END.length;
          if (size === 0) this.state = 'trailers';
          else {
            this.state = 'chunk-data';
            this.remaining = size;
          }
          break;
        }
        case 'trailers': {
          // No trailer: the CRLF right after the last chunk; else trailer lines up to an empty one.
          if (data.length - at < LINE_END.length) return this.wait(data, at);
          if (data[at] === CR && data[at + 1] === LF) return this.done(data, at + LINE_END.length);
          const end = data.indexOf(HEAD_END, at);
          if (end < 0) return this.wait(data, at);
          return this.done(data, end + HEAD_END.length);
        }
        case 'until-close':
          return undefined;
      }
    }
  }

  /** The connection closed: the answer if its body was the bytes up to the close, else undefined (cut short). */
  closed(): Answer | undefined {
    if (this.state !== 'until-close') return undefined;
    this.state = 'head';
    return this.answer;
  }

  private wait(data: Buffer, at: number) {
    if (data.length - at > MAX_HEAD_BYTES) throw new Error('a head or chunk line longer than 64 KiB');
    this.pending = data.subarray(at);
    return undefined;
  }

  private done(data: Buffer, at: number) {
    if (at < data.length) throw new Error('bytes after the answer, which nothing asked for');
    this.state = 'head';
    return this.answer;
  }

  /** Reads a head; says whether a body follows it (none: the answer is whole), or it was interim. */
  private head(text: string): 'interim' | 'none' | 'body' {
    const lines = text.split('\r\n');
    const status = /^HTTP\/1\.([01]) (\d{3})(?: |$)/.exec(lines[0] ?? '');
    if (!status) throw new Error(`not an HTTP/1.x status line: ${lines[0]}`);
    const code = Number(status[2]);
    if (code >= 100 && code < 200) return 'interim'; // the answer's own head follows
    let keepAlive = status[1] === '1';
    let length: number | undefined;
    let chunked = false;
    let idleTimeoutMs: number | undefined;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon < 0) throw new Error(`a header line without a colon: ${line}`);
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line
        .slice(colon + 1)
        .trim()
        .toLowerCase();
      if (name === 'content-length') {
        if (!/^\d+$/.test(value)) throw new Error(`a Content-Length that is not a number: ${value}`);
        length = Number(value);
      } else if (name === 'transfer-encoding') chunked = value.split(',').some((coding) => coding.trim() === 'chunked');
      else if (name === 'keep-alive') {
        const timeout = /(?:^|[,;\s])timeout=(\d+)/.exec(value);
        if (timeout) idleTimeoutMs = Number(timeout[1]) * 1000;
      } else if (name === 'connection') {
        const options = value.split(',').map((option) => option.trim());
        if (options.includes('close')) keepAlive = false;
        else if (options.includes('keep-alive')) keepAlive = true;
      }
    }
    this.answer =
      idleTimeoutMs === undefined ? { status: code, keepAlive } : { status: code, keepAlive, idleTimeoutMs };
    if (code === 204 || code === 304 || (!chunked && length === 0)) return 'none';
    if (chunked) this.state = 'chunk-size';
    else if (length !== undefined) {
      this.state = 'length';
      this.remaining = length;
    } else {
      this.state = 'until-close';
      this.answer.keepAlive = false;
    }
    return 'body';
  }
}
