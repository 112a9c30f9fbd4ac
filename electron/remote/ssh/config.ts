/**
 * A small ~/.ssh/config reader: enough of ssh_config(5) that a host alias a team already uses works in the
 * cockpit too. Understood: Host blocks with wildcard and negated patterns, `Match all|host|originalhost`,
 * Include (through a callback, so parsing stays pure), HostName (with %h), User, Port, IdentityFile
 * (repeatable, ~ and %d/%u/%h/%r/%p expanded), IdentitiesOnly, IdentityAgent, ProxyJump, HostKeyAlias,
 * UserKnownHostsFile, ConnectTimeout, ServerAliveInterval/CountMax. First value wins, as in OpenSSH.
 */
import { matchPatternList } from './patterns';

export interface SshConfigLine {
  /** Lower-cased keyword. */
  keyword: string;
  args: string[];
  line: number;
}

export interface SshConfigBlock {
  /** `global` for lines before the first Host/Match. */
  kind: 'global' | 'host' | 'match';
  /** Host patterns, or Match criteria words. */
  criteria: string[];
  lines: SshConfigLine[];
}

export interface ParseOptions {
  /** Returns the text of every file an `Include` argument names (already glob-expanded, in order). */
  include?: (pattern: string) => string[];
  /** Include nesting limit (OpenSSH uses 16). */
  depth?: number;
}

/** Splits a config line into words, honouring double quotes and `Keyword=value`. */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inQuotes = false;
  let hasWord = false;
  const text = line.trim().replace(/^(\S+?)\s*=\s*/, '$1 ');
  for (const ch of text) {
    if (ch === '"') {
      inQuotes = !inQuotes;
      hasWord = true;
    } else if (!inQuotes && /\s/.test(ch)) {
      if (hasWord) words.push(current);
      current = '';
      hasWord = false;
    } else {
      current += ch;
      hasWord = true;
    }
  }
  if (hasWord) words.push(current);
  return words;
}

export function parseSshConfig(text: string, options: ParseOptions = {}): SshConfigBlock[] {
  const blocks: SshConfigBlock[] = [{ kind: 'global', criteria: [], lines: [] }];
  appendText(blocks, text, options, options.depth ?? 16);
  return blocks;
}

function appendText(blocks: SshConfigBlock[], text: string, options: ParseOptions, depth: number): void {
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const trimmed = rawLine.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const [keywordRaw, ...args] = tokenize(trimmed);
    if (!keywordRaw) return;
    const keyword = keywordRaw.toLowerCase();
    if (keyword === 'host' || keyword === 'match') {
      blocks.push({ kind: keyword, criteria: args, lines: [] });
      return;
    }
    if (keyword === 'include') {
      if (depth <= 0 || !options.include) return;
      for (const pattern of args) {
        for (const included of options.include(pattern)) appendText(blocks, included, options, depth - 1);
      }
      return;
    }
    (blocks[blocks.length - 1] as SshConfigBlock).lines.push({ keyword, args, line: index + 1 });
  });
}

/** What the config says about one alias, before workspace overrides and defaults are applied. */
export interface SshHostSettings {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  identitiesOnly?: boolean;
  /** `none` disables the agent; otherwise a socket path. */
  identityAgent?: string;
  proxyJump?: string;
  hostKeyAlias?: string;
  userKnownHostsFiles?: string[];
  connectTimeoutSec?: number;
  serverAliveIntervalSec?: number;
  serverAliveCountMax?: number;
}

function blockApplies(block: SshConfigBlock, alias: string, hostName: string | undefined): boolean {
  if (block.kind === 'global') return true;
  if (block.kind === 'host') return matchPatternList(block.criteria, alias);
  // Match: only criteria that can be decided without running anything; anything else does not apply.
  const words = block.criteria.map((w) => w.toLowerCase());
  if (words.length === 1 && words[0] === 'all') return true;
  for (let i = 0; i < block.criteria.length; i += 2) {
    const criterion = words[i];
    const value = block.criteria[i + 1];
    if (value === undefined) return false;
    const list = value.split(',');
    if (criterion === 'host' && matchPatternList(list, hostName ?? alias)) continue;
    if (criterion === 'originalhost' && matchPatternList(list, alias)) continue;
    return false;
  }
  return true;
}

const yes = (value: string | undefined) => value?.toLowerCase() === 'yes' || value?.toLowerCase() === 'true';

/** Applies every block that matches `alias`, first value winning (IdentityFile accumulates), like OpenSSH. */
export function resolveSshHost(blocks: readonly SshConfigBlock[], alias: string): SshHostSettings {
  const out: SshHostSettings = { identityFiles: [] };
  for (const block of blocks) {
    if (!blockApplies(block, alias, out.hostName)) continue;
    for (const { keyword, args } of block.lines) {
      const value = args[0];
      if (value === undefined) continue;
      switch (keyword) {
        case 'hostname':
          out.hostName ??= value.replace(/%%|%h/g, (t) => (t === '%%' ? '%' : alias));
          break;
        case 'user':
          out.user ??= value;
          break;
        case 'port': {
          const port = Number(value);
          if (out.port === undefined && Number.isInteger(port) && port > 0 && port < 65536) out.port = port;
          break;
        }
        case 'identityfile':
          if (!out.identityFiles.includes(value)) out.identityFiles.push(value);
          break;
        case 'identitiesonly':
          out.identitiesOnly ??= yes(value);
          break;
        case 'identityagent':
          out.identityAgent ??= value;
          break;
        case 'proxyjump':
          out.proxyJump ??= value;
          break;
        case 'hostkeyalias':
          out.hostKeyAlias ??= value;
          break;
        case 'userknownhostsfile':
          out.userKnownHostsFiles ??= args;
          break;
        case 'connecttimeout':
          out.connectTimeoutSec ??= Number(value) || undefined;
          break;
        case 'serveraliveinterval':
          out.serverAliveIntervalSec ??= Number(value) || undefined;
          break;
        case 'serveralivecountmax':
          out.serverAliveCountMax ??= Number(value) || undefined;
          break;
        default:
          break;
      }
    }
  }
  return out;
}

export interface TokenContext {
  home: string;
  localUser: string;
  /** The host name actually connected to (after HostName). */
  hostName: string;
  remoteUser: string;
  port: number;
  /** The alias as written. */
  alias: string;
}

/** Expands a leading `~` and the `%` tokens ssh_config allows in IdentityFile and similar paths. */
export function expandPath(path: string, ctx: TokenContext): string {
  const tokens: Record<string, string> = {
    '%%': '%',
    '%d': ctx.home,
    '%u': ctx.localUser,
    '%h': ctx.hostName,
    '%r': ctx.remoteUser,
    '%p': String(ctx.port),
    '%n': ctx.alias,
  };
  const withTokens = path.replace(/%[%dhurpn]/g, (t) => tokens[t] ?? t);
  if (withTokens === '~') return ctx.home;
  if (withTokens.startsWith('~/')) return `${ctx.home.replace(/\/$/, '')}/${withTokens.slice(2)}`;
  return withTokens;
}
