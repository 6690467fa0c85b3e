import type { NotificationChannelRow } from '@vigil/db';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { ChannelSecrets, OpenChannel } from './channels/channel-sender.ts';

/** Seals a channel's credentials into one ciphertext; the hint shows enough to recognise them. */
export function sealSecrets(
  box: SecretBox,
  secrets: ChannelSecrets,
): { secretCiphertext: string | null; secretHint: string } {
  const present = Object.fromEntries(Object.entries(secrets).filter(([, v]) => typeof v === 'string' && v.length > 0));
  if (!Object.keys(present).length) return { secretCiphertext: null, secretHint: '' };
  return { secretCiphertext: box.seal(JSON.stringify(present)), secretHint: hintOf(present) };
}

export function openChannel(box: SecretBox, row: NotificationChannelRow): OpenChannel {
  const secrets = row.secret_ciphertext ? (JSON.parse(box.open(row.secret_ciphertext)) as ChannelSecrets) : {};
  return { id: row.id, name: row.name, kind: row.kind, settings: row.settings, secrets };
}

/** `https://hooks.slack.com/…Xy12`, `bot token …9f3a`: the host and the last four characters only. */
function hintOf(s: ChannelSecrets): string {
  const parts: string[] = [];
  if (s.url) {
    let host = '';
    try {
      host = new URL(s.url).host;
    } catch {
      /* validated elsewhere */
    }
    parts.push(`${host ? `https://${host}/` : ''}…${s.url.slice(-4)}`);
  }
  if (s.botToken) parts.push(`bot token …${s.botToken.slice(-4)}`);
  if (s.hmacSecret) parts.push('signing secret set');
  return parts.join(', ');
}
