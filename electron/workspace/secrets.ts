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

/** A value that names where the secret is rather than holding it: env:/keychain:, a shell variable, a command. */
function isReference(value: string): boolean {
  return value === '' || REFERENCE.test(value) || value.startsWith('$') || value.startsWith('`');
}

/**
 * `NAME=value` or `--name=value` inside a command, where the name is a secret's (AWS_SECRET_ACCESS_KEY=…,
 * PGPASSWORD=…, --password=…). `NAME=$VAR` and `NAME="$(cat file)"` are references and fine.
 */
function secretAssignment(text: string): SecretFinding | undefined {
  const assignment = /(?<![\w.-])(--?)?([A-Za-z_][\w.-]*)=(?:"([^"]*)"|'([^']*)'|([^\s;&|]+))/g;
  for (const match of text.matchAll(assignment)) {
    const name = match[2] ?? '';
    const value = match[3] ?? match[4] ?? match[5] ?? '';
    if (isSecretKeyName(name) && !isReference(value)) {
      return { kind: 'named-secret', what: `a literal ${name} (${preview(value)})`, hint: HINTS.named };
    }
  }
  return undefined;
}

/**
 * A 40-character AWS secret access key standing alone: base64 letters with upper case, lower case and a digit (a
 * git commit is 40 characters too, but lower-case hex).
 */
function awsSecretKeyIn(text: string): SecretFinding | undefined {
  for (const match of text.matchAll(/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g)) {
    const candidate = match[0];
    if (/[A-Z]/.test(candidate) && /[a-z]/.test(candidate) && /[0-9]/.test(candidate) && !candidate.includes('//')) {
      return { kind: 'aws-secret-key', what: `an AWS secret access key (${preview(candidate)})`, hint: HINTS.aws };
    }
  }
  return undefined;
}

/** What a single string looks like, judged by its own shape and the key that holds it. */
export function detectSecret(text: string, keyName: string | undefined): SecretFinding | undefined {
  const pem = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----/.exec(text);
  if (pem) return { kind: 'private-key', what: `a pasted private key (${preview(pem[0])})`, hint: HINTS.ssh };

  // No word boundary before it: MYAPP_AKIA… is still a key.
  const akia = /((?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])/.exec(text);
  if (akia?.[1]) return { kind: 'aws-access-key', what: `an AWS access key id (${preview(akia[1])})`, hint: HINTS.aws };

  const slack = /https?:\/\/hooks\.slack\.com\/(services|workflows|triggers)\/\S+/i.exec(text);
  if (slack)
    return { kind: 'slack-webhook', what: 'a Slack webhook URL ("https://hooks.slack.com/…")', hint: HINTS.slack };

  const slackToken = /(x(?:ox[abposre]|app)-[A-Za-z0-9-]{10,})/.exec(text);
  if (slackToken?.[1])
    return { kind: 'slack-token', what: `a Slack token (${preview(slackToken[1])})`, hint: HINTS.slack };

  const github = /(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/.exec(text);
  if (github?.[1]) return { kind: 'github-token', what: `a GitHub token (${preview(github[1])})`, hint: HINTS.github };

  const jwt = /(eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,})/.exec(text);
  if (jwt?.[1]) return { kind: 'jwt', what: `a JSON Web Token (${preview(jwt[1])})`, hint: HINTS.named };

  // The user may be empty: redis://:password@host.
  const url = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@]*):([^\s/@]+)@([^\s/]+)/i.exec(text);
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

  const assigned = secretAssignment(text);
  if (assigned) return assigned;

  const awsSecret = awsSecretKeyIn(text);
  if (awsSecret) return awsSecret;

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
        (pair) => isPair(pair) && isScalar(pair.value) && /(AKIA|ASIA)[A-Z0-9]{16}/.test(String(pair.value.value)),
      );
      for (const pair of node.items) {
        const key = keyText(pair.key);
        const keyFinding = isScalar(pair.key) ? detectSecret(String(pair.key.value), undefined) : undefined;
        // A secret used as a key must not come back whole in the path of this or any issue under it.
        const shownKey = keyFinding && key !== undefined ? `${key.slice(0, 4)}…` : key;
        const childPath = shownKey === undefined ? path : [...path, shownKey];
        if (keyFinding) report(pair.key as Node, childPath, keyFinding);
        walk(pair.value, childPath, keyFinding ? undefined : key, hasAwsKey);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index], keyName, false));
    }
  };
  walk(doc.contents, [], undefined, false);
  return issues;
}

/** The keys of the document that are secrets themselves (an access key id pasted as a mapping key). */
function secretKeysIn(doc: Document): string[] {
  const keys = new Set<string>();
  const walk = (node: unknown, depth: number): void => {
    if (depth > 64) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && detectSecret(String(pair.key.value), undefined)) keys.add(String(pair.key.value));
        walk(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, depth + 1);
    }
  };
  walk(doc.contents, 0);
  // Longest first, so a key that contains another is hidden whole.
  return [...keys].sort((a, b) => b.length - a.length);
}

/**
 * Every issue of the file with secret keys shown as their first four characters: a schema complaint ("unknown key
 * …") or a field path would otherwise repeat a key that is itself a secret. The last thing done to the issues of a
 * file, after every check.
 */
export function hideSecretKeys(issues: WorkspaceIssue[], doc: Document): WorkspaceIssue[] {
  const keys = secretKeysIn(doc);
  if (keys.length === 0) return issues;
  const hide = (text: string) => keys.reduce((out, key) => out.split(key).join(`${key.slice(0, 4)}…`), text);
  return issues.map((issue) => ({
    ...issue,
    path: hide(issue.path),
    message: hide(issue.message),
    ...(issue.expected === undefined ? {} : { expected: hide(issue.expected) }),
    ...(issue.hint === undefined ? {} : { hint: hide(issue.hint) }),
  }));
}
