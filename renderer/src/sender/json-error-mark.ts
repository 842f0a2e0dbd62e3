import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { checkJson } from './json-check';

const errorLine = Decoration.line({ class: 'cm-json-error-line' });
const errorChar = Decoration.mark({ class: 'cm-json-error-at' });

function marks(view: EditorView): DecorationSet {
  const doc = view.state.doc;
  const problem = checkJson(doc.toString());
  if (!problem || problem.offset === null || doc.length === 0) return Decoration.none;
  const at = Math.min(problem.offset, doc.length);
  const line = doc.lineAt(at === doc.length && at > 0 ? at - 1 : at);
  const ranges = [errorLine.range(line.from)];
  if (at < line.to) ranges.push(errorChar.range(at, at + 1));
  return Decoration.set(ranges, true);
}

/** Marks the line (and character) where the payload stops being JSON; the message itself is shown under the editor. */
export const jsonErrorMarks = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = marks(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged) this.decorations = marks(update.view);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);
