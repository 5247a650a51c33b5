/**
 * The screen's dialogs (a board's revisions, publishing): the native `<dialog>`, shown modal, so
 * Escape closes it and the board behind is inert; it leaves the page when it closes.
 */
import { fill, h, type Child } from './dom';
import './dialog.css';

export interface Dialog {
  element: HTMLDialogElement;
  /** Replaces what the dialog shows under its title. */
  show: (...children: (Child | Child[])[]) => void;
  close: () => void;
}

export function openDialog(className: string, title: string): Dialog {
  const body = h('div', { class: 'dialog-body' });
  const element = h('dialog', { class: `panel ${className}`, 'aria-label': title });
  const close = () => element.close();
  element.append(
    h('button', { type: 'button', class: 'close', onclick: close }, '关闭'),
    h('h2', {}, title),
    body,
  );
  element.addEventListener('close', () => element.remove());
  document.body.append(element);
  element.showModal();
  return { element, show: (...children) => fill(body, ...children), close };
}
