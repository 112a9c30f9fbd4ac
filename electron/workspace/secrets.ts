/**
 * The workspace file lives in a git repository, so it must never hold a secret. Every scalar (keys too) is checked
 * against the shapes secrets take, and each finding says where that secret belongs instead. Messages never repeat
 * the secret: at most its first four characters.
 */
import { type Document, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { type FieldPath, type Locator, dottedPath, keyText } from './locate';

export interface SecretFinding {
  kind: string;
  /** What the value looks like, e.g. `an AWS access key id ("AKIA…")`. Never the secret itself. */
  what: string;
  hint: string;
}

const HINTS = {
  ssh: 'SSH keys stay in files: load the key into ssh-agent, or give its path with `identityFile: ~/.ssh/id_ed25519` (or IdentityFile in ~/.ssh/config).',
  aws: 'AWS credentials stay out of this file: set `cost.aws.profile` to a profile in ~/.aws/credentials or an SSO profile in ~/.aws/config.',
  slack:
    'Keep the webhook outside the file: `webhook: env:COCKPIT_SLACK_WEBHOOK` (an environment variable) or `webhook: keychain:slack` (the OS keychain).',
  urlPassword:
    'Remove the password from the URL: let the tool read it from its own store (~/.pgpass, a credentials file) or reference it with env:NAME / keychain:NAME.',
  named:
    'Reference the secret instead of pasting it: `env:NAME` (an environment variable) or `keychain:NAME` (the OS keychain).',
  github:
    'Keep tokens out of the file: use the credential helper or gh auth on the host, or reference it with env:GITHUB_TOKEN.',
  bearer:
    'Keep tokens out of the file: read it from the environment in the command (e.g. "Bearer $API_TOKEN") or use env:NAME.',
} as const;

/** A reference to a secret kept elsewhere: fine anywhere. */
const REFERENCE = /^(env|keychain):[A-Za-z0-9_.-]+$/;

/** Keys whose value is a secret by name: password, secret, token, apiKey (any case, -/_ ignored). */
function isSecretKeyName(key: string | undefined): boolean {
  if (!key) return false;
  const normal = key.replace(/[-_\s]/g, '').toLowerCase();
  // A path to a secret (tokenFile, passwordFile, secretRef) is exactly what we want people to write.
  if (/(file|path|ref|env|name|command|cmd)$/.test(normal)) return false;
  return /(password|passwd|passphrase|secret|apikey|accesskey|privatekey|token)$/.test(normal) || normal === 'pass';
}

function preview(text: string): string {
  return `"${text.slice(0, 4)}…"`;
}

/** What a single string looks like, judged by its own shape and the key that holds it. */
export function detectSecret(text: string, keyName: string | undefined): SecretFinding | undefined {
  const pem = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----/.exec(text);
  if (pem) return { kind: 'private-key', what: `a pasted private key (${preview(pem[0])})`, hint: HINTS.ssh };

  const akia = /\b((?:AKIA|ASIA)[A-Z0-9]{16})\b/.exec(text);
  if (akia?.[1]) return { kind: 'aws-access-key', what: `an AWS access key id (${preview(akia[1])})`, hint: HINTS.aws };

  const slack = /https?:\/\/hooks\.slack\.com\/(services|workflows|triggers)\/\S+/i.exec(text);
  if (slack)
    return { kind: 'slack-webhook', what: 'a Slack webhook URL ("https://hooks.slack.com/…")', hint: HINTS.slack };

  const github = /\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})\b/.exec(text);
  if (github?.[1]) return { kind: 'github-token', what: `a GitHub token (${preview(github[1])})`, hint: HINTS.github };

  const url = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@]+):([^\s/@]+)@([^\s/]+)/i.exec(text);
  // `${var}` in the password place is a reference to the environment's vars, which are checked themselves.
  if (url?.[3] && !/^\$\{[^}]+\}$/.test(url[3]) && !/^\$[A-Z_][A-Z0-9_]*$/.test(url[3])) {
    return {
      kind: 'url-password',
      what: `a URL with a password in it (${url[1]}${url[2]}:****@${url[4]})`,
      hint: HINTS.urlPassword,
    };
  }

  const bearer = /\bBearer\s+([A-Za-z0-9._~+/=-]{8,})/.exec(text);
  if (bearer?.[1]) return { kind: 'bearer-token', what: `a bearer token (${preview(bearer[1])})`, hint: HINTS.bearer };

  const trimmed = text.trim();
  if (
    keyName &&
    /secret|aws/i.test(keyName) &&
    /^[A-Za-z0-9/+=]{40}$/.test(trimmed) &&
    /[A-Z]/.test(trimmed) &&
    /[a-z]/.test(trimmed)
  ) {
    return { kind: 'aws-secret-key', what: `an AWS secret access key (${preview(trimmed)})`, hint: HINTS.aws };
  }

  if (isSecretKeyName(keyName) && trimmed !== '' && !REFERENCE.test(trimmed)) {
    return { kind: 'named-secret', what: `a literal ${keyName} (${preview(trimmed)})`, hint: HINTS.named };
  }
  return undefined;
}

/** Every secret-looking scalar in the document, keys included, with its position and path. */
export function findSecrets(doc: Document, locator: Locator): WorkspaceIssue[] {
  const issues: WorkspaceIssue[] = [];
  const report = (node: Node, path: FieldPath, finding: SecretFinding) => {
    issues.push(
      locator.issueAtOffset(node.range?.[0] ?? 0, dottedPath(path), {
        message: `looks like ${finding.what}; secrets must not be in the workspace file`,
        expected: 'a reference such as env:NAME or keychain:NAME, or a path to a file that holds it',
        hint: finding.hint,
      }),
    );
  };

  const walk = (node: unknown, path: FieldPath, keyName: string | undefined, siblingAwsKey: boolean): void => {
    if (isScalar(node)) {
      if (typeof node.value !== 'string' && typeof node.value !== 'number') return;
      const text = String(node.value);
      let finding = detectSecret(text, keyName);
      // A 40-character secret next to an access key id is the other half of the pair, whatever its key is called.
      if (!finding && siblingAwsKey && /^[A-Za-z0-9/+=]{40}$/.test(text.trim())) {
        finding = {
          kind: 'aws-secret-key',
          what: `an AWS secret access key (${preview(text.trim())})`,
          hint: HINTS.aws,
        };
      }
      if (finding) report(node, path, finding);
    } else if (isMap(node)) {
      const hasAwsKey = node.items.some(
        (pair) => isPair(pair) && isScalar(pair.value) && /^(AKIA|ASIA)[A-Z0-9]{16}$/.test(String(pair.value.value)),
      );
      for (const pair of node.items) {
        const key = keyText(pair.key);
        const childPath = key === undefined ? path : [...path, key];
        if (isScalar(pair.key)) {
          const keyFinding = detectSecret(String(pair.key.value), undefined);
          if (keyFinding) report(pair.key, childPath, keyFinding);
        }
        walk(pair.value, childPath, key, hasAwsKey);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index], keyName, false));
    }
  };
  walk(doc.contents, [], undefined, false);
  return issues;
}
