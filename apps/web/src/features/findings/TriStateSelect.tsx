import { NativeSelect } from '@mantine/core';

/** Any / Yes / No for a boolean filter; a native select stays keyboard- and screen-reader-friendly. */
export function TriStateSelect({
  label,
  value,
  onChange,
  yes = 'Yes',
  no = 'No',
}: {
  label: string;
  value: boolean | undefined;
  onChange: (v: boolean | undefined) => void;
  yes?: string;
  no?: string;
}) {
  return (
    <NativeSelect
      label={label}
      size="xs"
      w={110}
      value={value === undefined ? '' : String(value)}
      onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value === 'true')}
      data={[
        { value: '', label: 'Any' },
        { value: 'true', label: yes },
        { value: 'false', label: no },
      ]}
    />
  );
}
