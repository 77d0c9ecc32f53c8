const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEXTET = /^[0-9a-f]{1,4}$/;

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail counts as two), or null when it is none. */
function hextetsOf(address: string): string[] | null {
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const last = tail.length > 0 ? tail : head;
  if (last.length > 0 && IPV4.test(last.at(-1)!)) {
    const octets = last.pop()!.split('.').map(Number);
    last.push(((octets[0]! << 8) | octets[1]!).toString(16), ((octets[2]! << 8) | octets[3]!).toString(16));
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  return all.every((group) => HEXTET.test(group)) ? all.map((group) => group.replace(/^0+(?=.)/, '')) : null;
}

/**
 * What a per-address limit counts for a client address: an IPv4 address itself (IPv4-mapped IPv6
 * included), an IPv6 address by its /64 (one subscriber's network: anyone holding a /64 can pick any
 * of its 2^64 addresses), and everything unreadable as one subject.
 */
export function clientSubjectOf(address: string | undefined): string {
  const plain = (address ?? '')
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  if (IPV4.test(plain)) return plain;
  const hextets = hextetsOf(plain);
  if (!hextets) return 'unknown';
  if (hextets.slice(0, 6).join(':') === '0:0:0:0:0:ffff')
    return hextets
      .slice(6)
      .flatMap((group) => {
        const value = Number.parseInt(group, 16);
        return [value >> 8, value & 0xff];
      })
      .join('.');
  return `${hextets.slice(0, 4).join(':')}::/64`;
}
