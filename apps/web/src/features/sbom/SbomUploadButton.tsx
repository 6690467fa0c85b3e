import { useState } from 'react';
import { Alert, Button, FileButton, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../app/api-context';
import { queryKeys } from '../../app/query-keys';

/** Uploads an SBOM as the engagement's inventory; says what was read, or why the SBOM was refused. */
export function SbomUploadButton({ engagementId }: { engagementId: number }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => api.sbom.upload(engagementId, file, file.name),
    onSuccess: (result) => {
      setOutcome(
        result.changed
          ? `Imported ${result.componentCount} components (${result.encoding} ${result.specVersion}).`
          : 'This SBOM is already the inventory: nothing changed.',
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.sbom.components(engagementId) });
    },
  });
  return (
    <>
      <FileButton onChange={(file) => file && upload.mutate(file)} accept=".json,.xml,application/json,text/xml">
        {(props) => (
          <Button {...props} loading={upload.isPending} variant="light">
            Upload SBOM
          </Button>
        )}
      </FileButton>
      {upload.error && (
        <Alert color="red" role="alert" title="SBOM refused" mt="xs">
          {upload.error.message}
        </Alert>
      )}
      {outcome && !upload.error && (
        <Text size="sm" role="status" mt="xs">
          {outcome}
        </Text>
      )}
    </>
  );
}
