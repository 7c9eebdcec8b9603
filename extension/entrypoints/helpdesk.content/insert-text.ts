/**
 * Typing text into a helpdesk's reply box from the content script, the way the agent's own typing
 * would arrive, so the helpdesk's editor (CKEditor, Froala, ProseMirror, a React textarea) keeps its
 * model in step and the draft is saved like any other. Nothing is submitted: no Enter, no form
 * submit, no click on a send button.
 *
 * At the agent's caret when it was in the box, else at the end. `document.execCommand('insertText')`
 * first: deprecated but still the one call that makes the browser fire `beforeinput`/`input` as
 * for real typing, and that the editor's undo knows. Where it is missing or refused, the same
 * events are dispatched by hand around a plain DOM insertion.
 *
 * @module
 */

type TextField = HTMLTextAreaElement | HTMLInputElement;

const isTextField = (el: HTMLElement): el is TextField => el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';

/** A space before `text` when the caret follows a word, so a link never glues onto "Hello,". */
const separated = (before: string, text: string): string => (before === '' || /\s$/.test(before) ? text : ` ${text}`);

/** Inserts `text` into `box`; true when the box now holds it. */
export function insertText(box: HTMLElement, text: string): boolean {
  return isTextField(box) ? insertIntoField(box, text) : insertIntoEditable(box, text);
}

function insertIntoField(field: TextField, text: string): boolean {
  const doc = field.ownerDocument;
  // The helpdesk page keeps its focused element while the agent clicks in the side panel.
  const hadCaret = doc.activeElement === field && field.selectionStart !== null;
  const start = hadCaret ? field.selectionStart! : field.value.length;
  const end = hadCaret ? (field.selectionEnd ?? start) : field.value.length;
  const piece = separated(field.value.slice(0, start), text);
  field.focus();
  field.setSelectionRange(start, end);
  // Accepted by the browser: the page's editor saw the events and may apply them a tick later.
  if (execInsert(doc, piece)) return true;
  if (!beforeInput(field, piece)) return true; // cancelled: the page applies the input itself
  field.setRangeText(piece, start, end, 'end');
  afterInput(field, piece);
  return field.value.includes(text);
}

function insertIntoEditable(box: HTMLElement, text: string): boolean {
  const doc = box.ownerDocument;
  const selection = doc.getSelection();
  const current = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  const range = current && box.contains(current.commonAncestorContainer) ? current.cloneRange() : endOf(box);
  // The text before the caret in its own paragraph: a new line needs no separating space.
  const lead = doc.createRange();
  lead.setStart(blockOf(range.startContainer, box), 0);
  lead.setEnd(range.startContainer, range.startOffset);
  const piece = separated(lead.toString(), text);

  box.focus();
  selection?.removeAllRanges();
  selection?.addRange(range);
  if (execInsert(doc, piece)) return true;
  if (!beforeInput(box, piece)) return true; // cancelled: the editor applies the input itself
  range.deleteContents();
  const node = doc.createTextNode(piece);
  range.insertNode(node);
  range.setStartAfter(node);
  range.collapse(true);
  selection?.removeAllRanges();
  selection?.addRange(range);
  afterInput(box, piece);
  return (box.textContent ?? '').includes(text);
}

const BLOCK = /^(P|DIV|LI|H[1-6]|BLOCKQUOTE|PRE)$/;

function blockOf(node: Node, box: HTMLElement): Node {
  for (let n: Node | null = node; n && n !== box; n = n.parentNode) if (n.nodeType === 1 && BLOCK.test(n.nodeName)) return n;
  return box;
}

/** A collapsed range at the end of the box's last block (inside `<p>…</p>`, before a filler `<br>`). */
function endOf(box: HTMLElement): Range {
  let block: Node = box;
  while (block.lastChild && block.lastChild.nodeType === 1 && (block.lastChild as Element).tagName !== 'BR') block = block.lastChild;
  const range = box.ownerDocument.createRange();
  const last = block.lastChild;
  if (last?.nodeName === 'BR') {
    range.setStartBefore(last);
    range.collapse(true);
  } else {
    range.selectNodeContents(block);
    range.collapse(false);
  }
  return range;
}

function execInsert(doc: Document, text: string): boolean {
  if (typeof doc.execCommand !== 'function') return false;
  try {
    return doc.execCommand('insertText', false, text);
  } catch {
    return false;
  }
}

/** False when the page cancelled it (editors that apply input themselves do). */
function beforeInput(target: HTMLElement, data: string): boolean {
  const View = target.ownerDocument.defaultView;
  const event = View?.InputEvent
    ? new View.InputEvent('beforeinput', { bubbles: true, cancelable: true, composed: true, inputType: 'insertText', data })
    : new Event('beforeinput', { bubbles: true, cancelable: true });
  return target.dispatchEvent(event);
}

function afterInput(target: HTMLElement, data: string): void {
  const View = target.ownerDocument.defaultView;
  target.dispatchEvent(
    View?.InputEvent ? new View.InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data }) : new Event('input', { bubbles: true }),
  );
}
