/** What someone asked for with `/cs …`, read from the command text alone. */
export type CsCommand =
  | { kind: 'help' }
  | { kind: 'log-modal' }
  | { kind: 'log-quick'; text: string }
  | { kind: 'account-add' }
  | { kind: 'account-edit'; name: string }
  | { kind: 'account-show'; name: string }
  | { kind: 'account-help' }
  | { kind: 'tasks'; accountName: string | null }
  | { kind: 'renewed'; accountName: string }
  | { kind: 'accelerator-start'; accountName: string | null }
  | { kind: 'accelerator-show'; accountName: string }
  | { kind: 'accelerator-help' }
  | { kind: 'timeline'; accountName: string | null }
  | { kind: 'report' }
  | { kind: 'unknown'; word: string };

export function parseCsCommand(text: string): CsCommand {
  const trimmed = text.trim();
  const [first = '', ...restWords] = trimmed.split(/\s+/);
  const rest = trimmed.slice(first.length).trim();
  switch (first.toLowerCase()) {
    case '':
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'log':
      return rest ? { kind: 'log-quick', text: rest } : { kind: 'log-modal' };
    case 'account':
    case 'accounts': {
      if (restWords.length === 0) return { kind: 'account-help' };
      if (rest.toLowerCase() === 'add' || rest.toLowerCase() === 'new') return { kind: 'account-add' };
      if (restWords[0]?.toLowerCase() === 'edit') {
        const name = rest.slice('edit'.length).trim();
        return name ? { kind: 'account-edit', name } : { kind: 'account-help' };
      }
      return { kind: 'account-show', name: rest };
    }
    case 'tasks':
    case 'task':
      return { kind: 'tasks', accountName: rest || null };
    case 'renewed':
      return rest ? { kind: 'renewed', accountName: rest } : { kind: 'help' };
    case 'timeline':
      return { kind: 'timeline', accountName: rest || null };
    case 'report':
    case 'reports':
      return { kind: 'report' };
    case 'accelerator':
    case 'accelerators': {
      if (restWords.length === 0) return { kind: 'accelerator-help' };
      if (restWords[0]?.toLowerCase() === 'start') {
        return { kind: 'accelerator-start', accountName: rest.slice('start'.length).trim() || null };
      }
      return { kind: 'accelerator-show', accountName: rest };
    }
    default:
      return { kind: 'unknown', word: first };
  }
}
