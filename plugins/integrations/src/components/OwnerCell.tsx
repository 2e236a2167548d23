import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Contact } from '@internal/plugin-integrations-common';
import { Typography } from '@material-ui/core';

/** The owner with how to reach them, or a visible "no owner". */
export const OwnerCell = ({
  owner,
  contact,
}: {
  owner?: string;
  contact: Contact;
}) => {
  if (!owner || owner === 'group:default/unowned') {
    return (
      <Typography color="error" variant="body2">
        no owner
      </Typography>
    );
  }
  return (
    <div>
      <EntityRefLink entityRef={owner} defaultKind="group" />
      <Typography variant="caption" display="block" color="textSecondary">
        {contact.email ?? 'no email'}
      </Typography>
      {contact.chat && (
        <Typography variant="caption" display="block" color="textSecondary">
          {contact.chat}
        </Typography>
      )}
    </div>
  );
};
