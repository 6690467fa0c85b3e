import { useEffect, useState } from 'react';
import { TextInput } from '@mantine/core';

/** A text filter that commits after a pause in typing, or at once on Enter. */
export function FilterTextInput({
  label,
  value,
  onCommit,
  placeholder,
  width = 150,
}: {
  label: string;
  value: string | undefined;
  onCommit: (v: string | undefined) => void;
  placeholder?: string;
  width?: number;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if (text === (value ?? '')) return;
    const t = setTimeout(() => onCommit(text.trim() || undefined), 400);
    return () => clearTimeout(t);
  }, [text, value, onCommit]);
  return (
    <TextInput
      label={label}
      size="xs"
      w={width}
      value={text}
      placeholder={placeholder}
      onChange={(e) => setText(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onCommit(text.trim() || undefined);
      }}
    />
  );
}
