// What a component is for matching: its canonical purl, purl type, OSV ecosystem and the name as
// that ecosystem compares names — the (purl type, normalized name) key advisories are indexed by.
import { normalizePackageName } from '../osv/package-name.ts';
import { osvPackageOfPurl } from '../purl/ecosystem-purl.ts';
import { InvalidPurlError, normalizePurl, parsePurl } from '../purl/purl.ts';

export interface ComponentIdentity {
  purl: string | null;
  purlType: string | null;
  ecosystem: string | null;
  normalizedName: string;
}

function plainName(group: string | null, name: string): string {
  return (group ? `${group}/${name}` : name).toLowerCase();
}

/**
 * The identity of a component from its purl (when valid) or its group and name. An invalid purl is
 * reported through `warn` and the component kept by its name: one bad purl does not refuse an SBOM.
 */
export function componentIdentity(
  purlText: string | undefined,
  group: string | null,
  name: string,
  warn: (message: string) => void,
): ComponentIdentity {
  if (purlText === undefined || purlText === '') {
    return { purl: null, purlType: null, ecosystem: null, normalizedName: plainName(group, name) };
  }
  try {
    const purl = normalizePurl(purlText);
    const parsed = parsePurl(purl);
    const osv = osvPackageOfPurl(purl);
    if (osv !== undefined) {
      return {
        purl,
        purlType: parsed.type,
        ecosystem: osv.ecosystem,
        normalizedName: normalizePackageName(osv.ecosystem, osv.name),
      };
    }
    return {
      purl,
      purlType: parsed.type,
      ecosystem: null,
      normalizedName: plainName(parsed.namespace ?? null, parsed.name),
    };
  } catch (error) {
    if (!(error instanceof InvalidPurlError)) throw error;
    warn(error.message);
    return { purl: null, purlType: null, ecosystem: null, normalizedName: plainName(group, name) };
  }
}
