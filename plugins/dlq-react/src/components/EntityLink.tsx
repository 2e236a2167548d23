import { parseEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';

/** `journey:default/checkout` → `checkout` (kind and default namespace left out). */
export function entityTitle(entityRef: string, defaultKind?: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(entityRef, { defaultKind }), {
      defaultKind,
    });
  } catch {
    return entityRef;
  }
}

/**
 * An entity ref as the stock EntityRefLink, titled from the ref itself (no catalog request
 * per table row); a dash when there is no ref, and the plain text of a ref that does not
 * parse (EntityRefLink would throw on it).
 */
export const EntityLink = ({
  entityRef,
  defaultKind,
}: {
  entityRef?: string | null;
  defaultKind?: string;
}) => {
  if (!entityRef)
    return (
      <Typography variant="body2" color="textSecondary">
        –
      </Typography>
    );
  let title: string;
  try {
    title = humanizeEntityRef(parseEntityRef(entityRef, { defaultKind }), {
      defaultKind,
    });
  } catch {
    return <span>{entityRef}</span>;
  }
  return (
    <EntityRefLink
      entityRef={entityRef}
      defaultKind={defaultKind}
      title={title}
    />
  );
};
