import { parseEntityRef } from '@backstage/catalog-model';
import {
  Content,
  Header,
  Page,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Typography, makeStyles } from '@material-ui/core';
import {
  catalogErrorsApiRef,
  EntityProcessingErrors,
} from '../api/CatalogErrorsClient';
import { catalogFileOf } from './catalogErrorLocation';

const useStyles = makeStyles(theme => ({
  message: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: theme.typography.fontFamily,
    fontSize: theme.typography.body2.fontSize,
    margin: 0,
  },
  file: {
    overflowWrap: 'anywhere',
    color: theme.palette.text.secondary,
    marginTop: theme.spacing(0.5),
  },
}));

/** The entity's name, linked to its page when the catalog has a version of it. */
export const FailingEntityName = ({
  entry,
}: {
  entry: EntityProcessingErrors;
}) => {
  const ref = parseEntityRef(entry.entityRef);
  return entry.stored ? (
    <EntityRefLink entityRef={ref} />
  ) : (
    <Typography variant="body2" component="span">
      {entry.entityRef}
    </Typography>
  );
};

/** The messages, then the catalog file they come from. */
const ErrorsCell = ({ entry }: { entry: EntityProcessingErrors }) => {
  const classes = useStyles();
  return (
    <>
      {entry.errors.map((error, i) => (
        <p key={i} className={classes.message}>
          {error.message}
        </p>
      ))}
      <Typography variant="caption" component="p" className={classes.file}>
        From {catalogFileOf(entry.location) ?? 'an unknown catalog file'}
      </Typography>
    </>
  );
};

const columns: TableColumn<EntityProcessingErrors>[] = [
  {
    title: 'Entity',
    field: 'entityRef',
    width: '22%',
    render: entry => <FailingEntityName entry={entry} />,
  },
  {
    title: 'Owner',
    field: 'owner',
    width: '12%',
    render: entry =>
      entry.owner ? (
        <EntityRefLink
          entityRef={entry.owner}
          defaultKind="group"
          defaultNamespace={parseEntityRef(entry.entityRef).namespace}
        />
      ) : (
        'none'
      ),
  },
  {
    title: 'In the catalog',
    field: 'stored',
    width: '12%',
    render: entry =>
      entry.stored ? 'last valid version' : 'no: never processed',
  },
  {
    title: 'Error and catalog file',
    field: 'errors',
    render: entry => <ErrorsCell entry={entry} />,
  },
];

/**
 * Every entity whose last catalog processing failed, with the error and the catalog file
 * it comes from: the place to look when an entity is missing or out of date.
 */
export const CatalogErrorsPage = () => {
  const api = useApi(catalogErrorsApiRef);
  return (
    <Page themeId="tool">
      <Header
        title="Catalog errors"
        subtitle="Entities whose last processing failed: new ones are not in the catalog until fixed, others keep their last valid version"
      />
      <Content>
        <Table<EntityProcessingErrors>
          title="Failing entities"
          columns={columns}
          options={{
            paging: true,
            pageSize: 20,
            pageSizeOptions: [20, 50, 100],
            search: false,
            sorting: false,
            padding: 'dense',
          }}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              No entity failed its last processing.
            </Typography>
          }
          data={async query => {
            const page = await api.failing({
              offset: query.page * query.pageSize,
              limit: query.pageSize,
            });
            return {
              data: page.items,
              page: query.page,
              totalCount: page.totalCount,
            };
          }}
        />
      </Content>
    </Page>
  );
};
