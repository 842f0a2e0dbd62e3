import { JsonView, allExpanded, darkStyles, defaultStyles } from 'react-json-view-lite';
import 'react-json-view-lite/dist/index.css';
import { useTheme } from '../theme';

/** A collapsible JSON tree; values are rendered as text by react-json-view-lite (no markup, no links). */
export function JsonTree({ data, large }: { data: object; large: boolean }) {
  const theme = useTheme();
  const base = theme === 'dark' ? darkStyles : defaultStyles;
  const style = {
    ...base,
    container: 'json-tree-root',
    label: 'jt-key',
    clickableLabel: `${base.clickableLabel} jt-key`,
    stringValue: 'jt-string',
    numberValue: 'jt-number',
    booleanValue: 'jt-boolean',
    nullValue: 'jt-null',
    undefinedValue: 'jt-null',
    otherValue: 'jt-null',
    punctuation: 'jt-punct',
    // Strings as JSON literals, so control characters show as escapes instead of vanishing.
    stringifyStringValues: true,
  };
  return (
    <div className="json-tree" data-testid="json-tree">
      <JsonView data={data} style={style} shouldExpandNode={large ? (level) => level < 1 : allExpanded} clickToExpandNode />
    </div>
  );
}
