import { SelectField } from '../components.js';

export type Option = { value: string; label: string };

/** Options for a list of values, labelled by a vocabulary (`t.vocab.orgKind`) or a function. */
export function labelled<V extends string>(values: readonly V[], label: Readonly<Record<V, string>> | ((v: V) => string)): Option[] {
  return values.map((v) => ({ value: v, label: typeof label === 'function' ? label(v) : label[v] }));
}

/** A select that narrows a list: its first option, `all` (the empty value), leaves the filter out. */
export function FilterSelect({ id, name, label, value, all, options }: { id: string; name: string; label: string; value: string | undefined; all: string; options: Option[] }) {
  return <SelectField id={id} name={name} label={label} value={value ?? ''} options={[{ value: '', label: all }, ...options]} />;
}
