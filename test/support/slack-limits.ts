import { SLACK_LIMITS as L } from '../../src/slack/block-kit-limits';

/**
 * Checks a message, view or options list against Slack's Block Kit limits, as Slack itself does
 * before accepting it: the fake Slack refuses what breaks them, and builder tests assert with it.
 */
export type SlackSurface = 'message' | 'modal' | 'home' | 'options';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function slackLimitProblems(surface: SlackSurface, payload: unknown): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };

  /** A text object: plain_text or mrkdwn, 1 to `max` characters. */
  function textObject(value: unknown, max: number, where: string): void {
    if (value === undefined) return;
    if (!isObject(value) || typeof value.text !== 'string') {
      problems.push(`${where}: not a text object`);
      return;
    }
    check(value.text.length >= 1, `${where}: empty text`);
    check(value.text.length <= max, `${where}: ${value.text.length} characters, over ${max}`);
  }

  function string(value: unknown, max: number, where: string): void {
    if (typeof value === 'string') check(value.length <= max, `${where}: ${value.length} characters, over ${max}`);
  }

  function option(value: unknown, where: string): void {
    if (!isObject(value)) return;
    textObject(value.text, L.optionText, `${where}.text`);
    textObject(value.description, L.optionText, `${where}.description`);
    string(value.value, L.optionValue, `${where}.value`);
  }

  function options(container: Json, where: string, max: number = L.selectOptions): void {
    const plain = list(container.options);
    check(plain.length <= max, `${where}.options: ${plain.length}, over ${max}`);
    for (const [i, o] of plain.entries()) option(o, `${where}.options[${i}]`);
    const groups = list(container.option_groups);
    check(groups.length <= L.selectOptions, `${where}.option_groups: ${groups.length}, over ${L.selectOptions}`);
    groups.forEach((group, g) => {
      if (!isObject(group)) return;
      textObject(group.label, L.optionText, `${where}.option_groups[${g}].label`);
      options(group, `${where}.option_groups[${g}]`);
    });
  }

  function element(value: unknown, where: string): void {
    if (!isObject(value)) return;
    string(value.action_id, L.actionId, `${where}.action_id`);
    textObject(value.placeholder, L.placeholder, `${where}.placeholder`);
    if (value.type === 'button') {
      textObject(value.text, L.buttonText, `${where}.text`);
      string(value.value, L.buttonValue, `${where}.value`);
    }
    if (value.type === 'checkboxes' || value.type === 'radio_buttons') options(value, where, L.checkboxOptions);
    else options(value, where);
    option(value.initial_option, `${where}.initial_option`);
    for (const [i, o] of list(value.initial_options).entries()) option(o, `${where}.initial_options[${i}]`);
    if (value.type === 'plain_text_input' && typeof value.initial_value === 'string') {
      const max = typeof value.max_length === 'number' ? value.max_length : L.text;
      check(value.initial_value.length <= max, `${where}.initial_value: over its max_length ${max}`);
    }
  }

  function block(value: unknown, where: string): void {
    if (!isObject(value)) {
      problems.push(`${where}: not a block`);
      return;
    }
    string(value.block_id, L.blockId, `${where}.block_id`);
    switch (value.type) {
      case 'section': {
        textObject(value.text, L.text, `${where}.text`);
        const fields = list(value.fields);
        check(fields.length <= L.sectionFields, `${where}.fields: ${fields.length}, over ${L.sectionFields}`);
        for (const [i, field] of fields.entries()) textObject(field, L.sectionFieldText, `${where}.fields[${i}]`);
        check(value.text !== undefined || fields.length > 0, `${where}: a section needs text or fields`);
        element(value.accessory, `${where}.accessory`);
        return;
      }
      case 'header':
        textObject(value.text, L.headerText, `${where}.text`);
        return;
      case 'context': {
        const elements = list(value.elements);
        check(elements.length >= 1, `${where}.elements: none`);
        check(elements.length <= L.contextElements, `${where}.elements: ${elements.length}, over ${L.contextElements}`);
        elements.forEach((item, i) => {
          if (isObject(item) && (item.type === 'mrkdwn' || item.type === 'plain_text'))
            textObject(item, L.text, `${where}.elements[${i}]`);
        });
        return;
      }
      case 'actions': {
        const elements = list(value.elements);
        check(elements.length >= 1, `${where}.elements: none`);
        check(elements.length <= L.actionsElements, `${where}.elements: ${elements.length}, over ${L.actionsElements}`);
        for (const [i, item] of elements.entries()) element(item, `${where}.elements[${i}]`);
        return;
      }
      case 'input':
        textObject(value.label, L.inputLabel, `${where}.label`);
        textObject(value.hint, L.inputHint, `${where}.hint`);
        element(value.element, `${where}.element`);
        return;
      default:
        return;
    }
  }

  function blocks(value: unknown, max: number): void {
    const all = list(value);
    check(all.length <= max, `blocks: ${all.length}, over ${max}`);
    for (const [i, item] of all.entries()) block(item, `blocks[${i}]`);
  }

  if (!isObject(payload)) return ['not an object'];
  if (surface === 'message') {
    string(payload.text, L.messageText, 'text');
    blocks(payload.blocks, L.messageBlocks);
  } else if (surface === 'options') {
    options(payload, 'response');
  } else {
    blocks(payload.blocks, L.viewBlocks);
    string(payload.private_metadata, L.privateMetadata, 'private_metadata');
    string(payload.callback_id, L.actionId, 'callback_id');
    if (surface === 'modal') {
      textObject(payload.title, L.modalTitle, 'title');
      textObject(payload.submit, L.modalTitle, 'submit');
      textObject(payload.close, L.modalTitle, 'close');
    }
  }
  return problems;
}

/** Fails with every broken limit listed, so a builder test says what to fix. */
export function expectWithinSlackLimits(surface: SlackSurface, payload: unknown): void {
  const problems = slackLimitProblems(surface, payload);
  if (problems.length > 0) throw new Error(`Slack would refuse this ${surface}:\n${problems.join('\n')}`);
}
