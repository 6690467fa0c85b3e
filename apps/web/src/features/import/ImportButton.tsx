import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense } from 'react';

const ImportDialog = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));

export function ImportButton() {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button size="sm" onClick={open}>
        Import scan
      </Button>
      <Modal opened={opened} onClose={close} title="Import a scan report" size="lg">
        {opened && (
          <Suspense fallback={null}>
            <ImportDialog onClose={close} />
          </Suspense>
        )}
      </Modal>
    </>
  );
}
