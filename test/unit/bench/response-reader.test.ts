import { describe, expect, it } from 'vitest';
import { ResponseReader } from '../../../bench/response-reader.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');

const withLength = (status: number, body: string, headers = '') =>
  `HTTP/1.1 ${status} Whatever\r\ncontent-type: application/json\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

const chunked = (chunks: string[], trailer = '') =>
  `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${chunks
    .map((chunk) => `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`)
    .join('')}0\r\n${trailer}\r\n`;

/** Feeds an answer in two pieces cut at `cut`: what each read said. */
function readCut(reader: ResponseReader, answer: string, cut: number) {
  const whole = bytes(answer);
  return [reader.read(whole.subarray(0, cut)), reader.read(whole.subarray(cut))];
}

describe('reading an HTTP/1.1 answer off a keep-alive connection', () => {
  it('reads a Content-Length answer in one piece: its status, and that its connection can carry another', () => {
    expect(new ResponseReader().read(bytes(withLength(201, '{"ok":true}')))).toEqual({ status: 201, keepAlive: true });
  });

  it.each([
    ['Content-Length', withLength(201, '{"conversationId":"01M8","replayed":false}'), 201],
    ['chunked', chunked(['{"conversationId":', '"01M8","replayed":false}']), 200],
    [
      'chunked with an extension and trailers',
      chunked(['ab', 'cdef'], 'x-trailer: 1\r\n').replace('2\r\n', '2;x=y\r\n'),
      200,
    ],
  ])('a %s answer is whole only at its last byte, wherever its bytes are cut in two', (_, answer, status) => {
    const length = Buffer.byteLength(answer);
    for (let cut = 0; cut < length; cut++) {
      expect(readCut(new ResponseReader(), answer, cut)).toEqual([undefined, { status, keepAlive: true }]);
    }
    expect(readCut(new ResponseReader(), answer, length)).toEqual([{ status, keepAlive: true }, undefined]);
  });

  it('reads a chunked answer one byte at a time', () => {
    const reader = new ResponseReader();
    const answer = bytes(chunked(['{"a":', '1}']));
    const said = [...answer].map((byte) => reader.read(Buffer.from([byte])));
    expect(said.slice(0, -1).every((read) => read === undefined)).toBe(true);
    expect(said.at(-1)).toEqual({ status: 200, keepAlive: true });
  });

  it('reads one answer after another on the same connection', () => {
    const reader = new ResponseReader();
    expect(reader.read(bytes(withLength(201, '{}')))).toEqual({ status: 201, keepAlive: true });
    expect(reader.read(bytes(chunked(['{}'])))).toEqual({ status: 200, keepAlive: true });
    expect(reader.read(bytes(withLength(429, '{"title":"slow down"}')))).toEqual({ status: 429, keepAlive: true });
  });

  it('says a connection cannot be reused when the server closes it, or speaks HTTP/1.0 without keep-alive', () => {
    expect(new ResponseReader().read(bytes(withLength(200, '{}', 'Connection: close\r\n')))).toEqual({
      status: 200,
      keepAlive: false,
    });
    expect(new ResponseReader().read(bytes('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{}'))).toEqual({
      status: 200,
      keepAlive: false,
    });
    expect(
      new ResponseReader().read(bytes('HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\n{}')),
    ).toEqual({ status: 200, keepAlive: true });
  });

  it('tells how long the server keeps an idle connection when it says so', () => {
    expect(new ResponseReader().read(bytes(withLength(201, '{}', 'Keep-Alive: timeout=5\r\n')))).toEqual({
      status: 201,
      keepAlive: true,
      idleTimeoutMs: 5000,
    });
    expect(new ResponseReader().read(bytes(withLength(201, '{}', 'Keep-Alive: max=100, timeout=2\r\n')))).toEqual({
      status: 201,
      keepAlive: true,
      idleTimeoutMs: 2000,
    });
  });

  it('takes an answer without a body (204, Content-Length 0) as whole at its head', () => {
    expect(new ResponseReader().read(bytes('HTTP/1.1 204 No Content\r\ndate: x\r\n\r\n'))).toEqual({
      status: 204,
      keepAlive: true,
    });
    expect(new ResponseReader().read(bytes(withLength(200, '')))).toEqual({ status: 200, keepAlive: true });
  });

  it('skips an interim 100 Continue and reads the answer after it', () => {
    expect(new ResponseReader().read(bytes(`HTTP/1.1 100 Continue\r\n\r\n${withLength(201, '{}')}`))).toEqual({
      status: 201,
      keepAlive: true,
    });
  });

  it('reads a body without length or chunks up to the close, and then not for another request', () => {
    const reader = new ResponseReader();
    expect(reader.read(bytes('HTTP/1.1 200 OK\r\n\r\n{"a":'))).toBeUndefined();
    expect(reader.read(bytes('1}'))).toBeUndefined();
    expect(reader.closed()).toEqual({ status: 200, keepAlive: false });
  });

  it('gives no answer when the connection closes before a Content-Length or chunked body ends', () => {
    const short = new ResponseReader();
    expect(short.read(bytes(withLength(200, '{"a":1}').slice(0, -1)))).toBeUndefined();
    expect(short.closed()).toBeUndefined();
    const unfinished = new ResponseReader();
    expect(unfinished.read(bytes(chunked(['{}']).slice(0, -5)))).toBeUndefined();
    expect(unfinished.closed()).toBeUndefined();
  });

  it.each([
    ['a status line that is not HTTP/1.x', 'HTTP/2 200\r\n\r\n'],
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\nbroken\r\n\r\n'],
    ['a Content-Length that is not a number', 'HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n'],
    ['a chunk size that is not hexadecimal', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['a chunk not ended by CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}xx'],
    ['bytes after the answer that nobody asked for', `${withLength(200, '{}')}HTTP/1.1 200 OK\r\n`],
  ])('refuses %s', (_, answer) => {
    expect(() => new ResponseReader().read(bytes(answer))).toThrow();
  });
});
