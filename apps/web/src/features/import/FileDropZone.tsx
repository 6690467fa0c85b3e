import { useRef, useState, type DragEvent } from 'react';
import { Paper, Text, UnstyledButton } from '@mantine/core';

/** Drop a report here, or press to pick one (Enter/Space work too: it is a button). */
export function FileDropZone({
  file,
  onFile,
  error,
}: {
  file: File | null;
  onFile: (f: File) => void;
  error?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) onFile(f);
  };
  return (
    <>
      <UnstyledButton
        onClick={() => input.current?.click()}
        onDragOver={(e) => (e.preventDefault(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        aria-label={file ? `Report file ${file.name}; press to choose another` : 'Choose a report file or drop it here'}
        w="100%"
      >
        <Paper
          withBorder
          p="lg"
          style={{
            borderStyle: 'dashed',
            borderWidth: 2,
            borderColor: error ? 'var(--mantine-color-red-6)' : over ? 'var(--mantine-color-indigo-5)' : undefined,
            textAlign: 'center',
          }}
        >
          <Text fw={600}>{file ? file.name : 'Drop a report here'}</Text>
          <Text size="sm" c="dimmed">
            {file ? `${(file.size / 1024).toFixed(1)} KiB — press to choose another` : 'or press to choose a file'}
          </Text>
        </Paper>
      </UnstyledButton>
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      <input
        ref={input}
        type="file"
        hidden
        data-testid="import-file"
        onChange={(e) => e.currentTarget.files?.[0] && onFile(e.currentTarget.files[0])}
      />
    </>
  );
}
