import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import {
  EntityRefLink,
  useEntity,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import {
  BrokerFigures,
  isMessagingResource,
  MessagingResourceEntity,
} from '@internal/plugin-integrations-common';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { Box, Grid, makeStyles, Typography } from '@material-ui/core';
import { ReactNode } from 'react';
import { deadLetterQueueRouteRef } from '../../routes';
import { MessageSchema } from './MessageSchema';
import {
  ANNOTATION_RUNTIME,
  QueueWithDlq,
  useMessagingOverview,
} from './useMessagingOverview';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(0.5),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, wordBreak: 'break-word' },
  },
  mono: { fontFamily: 'monospace' },
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
  section: { marginTop: theme.spacing(3) },
}));

const Facts = ({ rows }: { rows: Array<[string, ReactNode | undefined]> }) => {
  const classes = useStyles();
  return (
    <dl className={classes.facts}>
      {rows
        .filter(([, value]) => value !== undefined && value !== '')
        .map(([label, value]) => (
          <Box key={label} display="contents">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Box>
        ))}
    </dl>
  );
};

/** An owner as written in a spec (`orders`, `group:orders`) as a link, or a visible "none". */
const OwnerLink = ({ owner, of }: { owner?: unknown; of: Entity }) => {
  if (typeof owner !== 'string' || !owner) {
    return (
      <Typography component="span" color="error" variant="body2">
        none
      </Typography>
    );
  }
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: of.metadata.namespace ?? 'default',
    });
    return <EntityRefLink entityRef={ref} />;
  } catch {
    return <span>{owner}</span>;
  }
};

const Section = ({
  title,
  children,
}: {
  title: string;
  children: ReactNode;
}) => {
  const classes = useStyles();
  return (
    <div className={classes.section}>
      <Typography variant="h6" component="h3" gutterBottom>
        {title}
      </Typography>
      {children}
    </div>
  );
};

/** "publishes OrderCreated" from the channels of the documents the component provides. */
function messagesOf(
  entity: MessagingResourceEntity,
  component: Entity,
  direction: 'sends' | 'receives',
): string[] {
  const provided = new Set(
    (component.relations ?? [])
      .filter(r => r.type === 'providesApi')
      .map(r => r.targetRef.toLowerCase()),
  );
  const consumed = new Set(
    (component.relations ?? [])
      .filter(r => r.type === 'consumesApi')
      .map(r => r.targetRef.toLowerCase()),
  );
  const names = new Set<string>();
  for (const channel of entity.spec.channels ?? []) {
    const api = channel.api.toLowerCase();
    // a provider does what the document says; a consumer the opposite
    if (provided.has(api)) channel[direction].forEach(n => names.add(n));
    if (consumed.has(api))
      channel[direction === 'sends' ? 'receives' : 'sends'].forEach(n =>
        names.add(n),
      );
  }
  return [...names];
}

const Participants = ({
  entity,
  components,
  direction,
  empty,
}: {
  entity: MessagingResourceEntity;
  components: Entity[];
  direction: 'sends' | 'receives';
  empty: string;
}) => {
  const classes = useStyles();
  if (components.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {empty}
      </Typography>
    );
  }
  return (
    <ul className={classes.list}>
      {components.map(c => {
        const messages = messagesOf(entity, c, direction);
        return (
          <li key={stringifyEntityRef(c)}>
            <EntityRefLink entityRef={c} />
            {' · owner '}
            <OwnerLink owner={c.spec?.owner} of={c} />
            {messages.length > 0 && (
              <Typography
                variant="caption"
                display="block"
                color="textSecondary"
              >
                {direction === 'sends' ? 'sends' : 'receives'}{' '}
                {messages.join(', ')}
              </Typography>
            )}
          </li>
        );
      })}
    </ul>
  );
};

const ApiLink = ({ api }: { api: Entity }) => {
  const link = useEntityRefLink();
  const ref = stringifyEntityRef(api);
  return (
    <>
      <EntityRefLink entityRef={api} />
      {' ('}
      <Link to={`${link(ref)}/definition`}>definition</Link>)
    </>
  );
};

function figuresText(figures: BrokerFigures): string {
  const parts = [
    figures.messages !== undefined && `${figures.messages} messages ready`,
    figures.consumers !== undefined && `${figures.consumers} consumers`,
    figures.publishRate !== undefined &&
      `${figures.publishRate.toFixed(1)} msg/s in`,
    figures.deliverRate !== undefined &&
      `${figures.deliverRate.toFixed(1)} msg/s out`,
  ].filter(Boolean);
  return `${parts.join(' · ')} (as of ${new Date(
    figures.at,
  ).toLocaleString()})`;
}

const QueueRow = ({
  item,
  discoveryEnabled,
  showQueue,
}: {
  item: QueueWithDlq;
  discoveryEnabled: boolean;
  showQueue: boolean;
}) => {
  const { queue, deadLetterQueue, figures } = item;
  const deadLetterQueueLink = useRouteRef(deadLetterQueueRouteRef);
  const runtime = queue.metadata.annotations?.[ANNOTATION_RUNTIME];
  const queueName = queue.spec.address?.queue ?? queue.metadata.name;
  let brokerText: string;
  if (figures) brokerText = figuresText(figures);
  else if (discoveryEnabled)
    brokerText = 'broker discovery has not reported this queue yet';
  else
    brokerText =
      'broker discovery is off: no live queue figures (catalog.providers.rabbitmqDiscovery)';
  return (
    <li>
      {showQueue && (
        <>
          <EntityRefLink entityRef={queue} />
          {' · owner '}
          <OwnerLink owner={queue.spec.owner} of={queue} />
          <br />
        </>
      )}
      <Typography variant="body2" component="span">
        Broker: {brokerText}
      </Typography>
      <br />
      <Typography variant="body2" component="span">
        Dead letters:{' '}
        {deadLetterQueue ? (
          <>
            <EntityRefLink entityRef={deadLetterQueue} />
            {runtime && deadLetterQueueLink && (
              <>
                {' · '}
                <Link to={deadLetterQueueLink({ runtime, dlq: queueName })}>
                  open in Dead letters
                </Link>
              </>
            )}
          </>
        ) : (
          'none declared (annotation switchboard.dev/dead-letter-of on a dead-letter-queue Resource)'
        )}
      </Typography>
    </li>
  );
};

const Overview = ({
  entity,
  classes,
}: {
  entity: MessagingResourceEntity;
  classes: ReturnType<typeof useStyles>;
}) => {
  const { value, loading, error } = useMessagingOverview(entity);
  const { spec } = entity;
  const kindWord = spec.type === 'queue' ? 'queue' : 'topic';
  const messages =
    spec.messages && spec.messages.length > 0
      ? spec.messages
      : value?.boundTopic?.spec.messages ?? [];
  const describedBy = value?.apis ?? [];

  return (
    <InfoCard title={`Overview of this ${kindWord}`}>
      {entity.metadata.description && (
        <Typography variant="body1" paragraph>
          {entity.metadata.description}
        </Typography>
      )}
      {(spec.conflicts ?? []).length > 0 && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title={`The documents that describe this ${kindWord} disagree`}
            defaultExpanded
          >
            <ul className={classes.list}>
              {spec.conflicts!.map(c => (
                <li key={c}>
                  <Typography variant="body2">{c}</Typography>
                </li>
              ))}
            </ul>
          </WarningPanel>
        </Box>
      )}
      <Grid container spacing={3}>
        <Grid item xs={12} md={7}>
          <Facts
            rows={[
              ['Broker', spec.broker],
              [
                'Server',
                spec.server && (
                  <>
                    <span className={classes.mono}>{spec.server.url}</span>
                    {spec.server.name && ` (${spec.server.name})`}
                    {!spec.server.declared && (
                      <Typography
                        variant="caption"
                        display="block"
                        color="textSecondary"
                      >
                        the document names no server: the default broker
                        (integrations.defaultBroker)
                      </Typography>
                    )}
                  </>
                ),
              ],
              [
                'Address',
                <span className={classes.mono}>
                  {entity.metadata.annotations?.['switchboard.dev/address'] ??
                    entity.metadata.title ??
                    entity.metadata.name}
                </span>,
              ],
              [
                'Exchange',
                spec.address?.exchange && (
                  <span className={classes.mono}>{spec.address.exchange}</span>
                ),
              ],
              [
                'Routing key',
                spec.address?.routingKey && (
                  <span className={classes.mono}>
                    {spec.address.routingKey}
                  </span>
                ),
              ],
              [
                'Queue',
                spec.address?.queue && (
                  <span className={classes.mono}>{spec.address.queue}</span>
                ),
              ],
              ['Delivery', spec.deliveryGuarantee],
              [
                'Bound to topic',
                value?.boundTopic && (
                  <EntityRefLink entityRef={value.boundTopic} />
                ),
              ],
            ]}
          />
        </Grid>
        <Grid item xs={12} md={5}>
          <Typography variant="subtitle2">Described by</Typography>
          {describedBy.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              {loading
                ? '…'
                : `no AsyncAPI document describes this ${kindWord}; it is declared in a catalog file`}
            </Typography>
          ) : (
            <ul className={classes.list}>
              {describedBy.map(api => (
                <li key={stringifyEntityRef(api)}>
                  <ApiLink api={api} />
                  {' · owner '}
                  <OwnerLink owner={api.spec?.owner} of={api} />
                </li>
              ))}
            </ul>
          )}
        </Grid>
      </Grid>

      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <Section title="Producers">
              <Participants
                entity={entity}
                components={value.producers}
                direction="sends"
                empty="No component publishes to it in the catalog."
              />
            </Section>
          </Grid>
          <Grid item xs={12} md={6}>
            <Section title="Consumers">
              <Participants
                entity={entity}
                components={value.consumers}
                direction="receives"
                empty="No component subscribes to it in the catalog."
              />
            </Section>
          </Grid>
        </Grid>
      )}

      {value && (
        <Section
          title={
            spec.type === 'queue'
              ? 'On the broker'
              : 'Queues bound to this topic'
          }
        >
          {value.queues.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No queue in the catalog is bound to it
              {value.discoveryEnabled ? '' : ' (broker discovery is off)'}.
            </Typography>
          ) : (
            <ul className={classes.list}>
              {value.queues.map(item => (
                <QueueRow
                  key={stringifyEntityRef(item.queue)}
                  item={item}
                  discoveryEnabled={value.discoveryEnabled}
                  showQueue={spec.type !== 'queue'}
                />
              ))}
            </ul>
          )}
        </Section>
      )}

      <Section title={`Messages (${messages.length})`}>
        {messages.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No message schema: no AsyncAPI document describes the messages of
            this {kindWord}.
          </Typography>
        ) : (
          messages.map((message, i) => (
            <MessageSchema
              key={`${message.api ?? ''}:${message.name}`}
              message={message}
              defaultExpanded={i === 0}
            />
          ))
        )}
      </Section>
    </InfoCard>
  );
};

/** The overview of a topic or queue: where it lives, its messages, who uses it. */
export const MessagingOverviewCard = () => {
  const classes = useStyles();
  const { entity } = useEntity();
  if (!isMessagingResource(entity)) return null;
  return <Overview entity={entity} classes={classes} />;
};
