import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { AppError } from '../errors/app-error.ts';

/**
 * Outbound requests reach only addresses ipaddr.js classes as plain `unicast` (every named range it
 * knows — loopback, private, link-local, discard 100::/64, NAT64, 6to4, Teredo, documentation,
 * benchmarking, site-local, segment routing, … — is refused), and for IPv6 only the global unicast
 * block 2000::/3. IPv4-mapped addresses (::ffff:a.b.c.d) are judged as the IPv4 address they carry;
 * the deprecated IPv4-compatible block ::/96 (::127.0.0.1, ::a9fe:a9fe) is refused outright.
 */
const REACHABLE_RANGE = 'unicast';
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

export type Resolver = (host: string) => Promise<string[]>;

const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * SSRF guard for every outbound target (webhooks, chat services, Telegram, syslog). Resolves the
 * host and refuses every address that is not global unicast (see REACHABLE_RANGE above) unless a CIDR in the allow-list
 * covers them. Channels are checked when saved and again right before each send, and the send connects to the address
 * that was checked (so a DNS answer that changes in between — rebinding — cannot redirect it).
 */
export class OutboundGuard {
  private readonly allowed: [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(
    allowCidrs: string[],
    private readonly resolve: Resolver = systemResolver,
  ) {
    this.allowed = allowCidrs.map((c) => {
      try {
        return ipaddr.parseCIDR(c.includes('/') ? c : `${c}/${ipaddr.parse(c).kind() === 'ipv4' ? 32 : 128}`);
      } catch {
        throw new Error(`Invalid outbound allow-list entry "${c}": expected an address or CIDR such as 127.0.0.1/32`);
      }
    });
  }

  /** The address to connect to for `host`, after checking every address it resolves to. */
  async check(host: string, what = 'target'): Promise<string> {
    const bare = host.replace(/^\[|\]$/g, '');
    let addresses: string[];
    if (ipaddr.isValid(bare)) addresses = [bare];
    else {
      try {
        addresses = await this.resolve(bare);
      } catch (err) {
        throw new AppError(
          'UNPROCESSABLE',
          `The ${what} host "${host}" does not resolve (${(err as NodeJS.ErrnoException).code ?? 'lookup failed'})`,
          [{ path: what, message: 'does not resolve' }],
        );
      }
    }
    if (!addresses.length)
      throw new AppError('UNPROCESSABLE', `The ${what} host "${host}" has no address`, [
        { path: what, message: 'no address' },
      ]);
    for (const a of addresses) {
      const refusal = this.refusal(a);
      if (refusal)
        throw new AppError(
          'UNPROCESSABLE',
          `The ${what} host "${host}" resolves to ${a} (${refusal}), which outbound requests may not reach; allow it ` +
            `with VIGIL_OUTBOUND_ALLOW`,
          [{ path: what, message: `refused address ${a} (${refusal})` }],
        );
    }
    return addresses[0];
  }

  /** Checks a URL (http/https only) and returns the checked address and the parsed URL. */
  async checkUrl(raw: string, what = 'url'): Promise<{ url: URL; address: string }> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new AppError('VALIDATION_FAILED', `The ${what} is not a valid URL`, [{ path: what, message: 'not a URL' }]);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new AppError('VALIDATION_FAILED', `The ${what} must be http(s)`, [
        { path: what, message: 'must be http or https' },
      ]);
    if (url.username || url.password)
      throw new AppError('VALIDATION_FAILED', `The ${what} must not carry credentials`, [
        { path: what, message: 'user:password in URL' },
      ]);
    return { url, address: await this.check(url.hostname, what) };
  }

  /** The refused range an address falls in, or null when it may be reached. */
  refusal(address: string): string | null {
    let ip = ipaddr.parse(address);
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
    for (const [net, bits] of this.allowed) if (ip.kind() === net.kind() && ip.match(net, bits)) return null;
    const range = ip.range();
    if (range !== REACHABLE_RANGE) return range;
    if (ip.kind() === 'ipv6') {
      if (ip.match(IPV4_COMPATIBLE)) return 'ipv4Compatible';
      if (!ip.match(GLOBAL_UNICAST_V6)) return 'notGlobalUnicast';
    }
    return null;
  }
}
