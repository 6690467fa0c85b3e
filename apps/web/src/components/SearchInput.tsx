import { TextInput } from '@mantine/core';

export function SearchInput({
  value,
  onChange,
  label = 'Search',
}: {
  value: string;
  onChange: (v: string) => void;
  label?: string;
}) {
  return (
    <TextInput
      aria-label={label}
      placeholder={`${label}…`}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={260}
      maw="100%"
      type="search"
    />
  );
}
