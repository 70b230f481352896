import { ChoiceFieldset, type ChoiceOption } from './Checkbox.js';
import type { FieldProps } from './shared.js';

export interface RadioGroupProps extends FieldProps {
  options: ChoiceOption[];
  /** Checked value kept after a failed submission. */
  value?: string | null;
  inline?: boolean;
  size?: 'sm' | 'md';
}

/**
 * DSFR set of radio buttons: a `fieldset` whose legend is `label`. The first radio carries the
 * field id (`fieldId(name)`), so an error summary link focuses it.
 */
export function RadioGroup(props: RadioGroupProps): JSX.Element {
  return <ChoiceFieldset {...props} kind="radio" isChecked={(value) => value === props.value} />;
}
