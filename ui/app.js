// The fargate-local dashboard: reads the emulator through the same APIs any client uses (ECS and CloudWatch Logs in
// AWS JSON 1.1, the control API, the server-sent event stream) and redraws in place; nothing needs a reload.
const ECS = 'AmazonEC2ContainerServiceV20141113';
const LOGS = 'Logs_20140328';
const CONTROL = '/_fargate-local';
const REFRESH_MS = 2000;
const LOG_POLL_MS = 1000;
const MAX_EVENTS = 200;

const $ = (id) => document.getElementById(id);
const state = { cluster: '', tasks: new Map(), selected: '', logs: null, refreshing: false, again: false };

class ApiError extends Error {
  constructor(code, message) {
    super(message || code);
    this.code = code;
  }
}

async function aws(prefix, operation, input = {}) {
  const res = await fetch('/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${prefix}.${operation}` },
    body: JSON.stringify(input),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new ApiError(
      String(body.__type ?? res.status)
        .split('#')
        .pop(),
      body.message ?? body.Message,
    );
  return body;
}
const ecs = (operation, input) => aws(ECS, operation, input);
const logs = (operation, input) => aws(LOGS, operation, input);

async function control(method, path, body) {
  const res = await fetch(`${CONTROL}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : {};
  if (!res.ok) throw new ApiError(parsed.code ?? String(res.status), parsed.message);
  return parsed;
}

/** Every page of a List* operation. */
async function listAll(operation, input, key) {
  const out = [];
  let nextToken;
  do {
    const page = await ecs(operation, { ...input, ...(nextToken ? { nextToken } : {}) });
    out.push(...(page[key] ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

async function describeInChunks(operation, key, names, size, input) {
  const out = [];
  for (let i = 0; i < names.length; i += size) {
    const page = await ecs(operation, { ...input, [key]: names.slice(i, i + size) });
    out.push(...(page[key] ?? []));
  }
  return out;
}

// ---- drawing helpers ----------------------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else if (k === 'title') node.title = v;
    else node[k] = v;
  }
  for (const child of children.flat()) if (child !== undefined && child !== null) node.append(child);
  return node;
}

const shortId = (arn) =>
  String(arn ?? '')
    .split('/')
    .pop();
const familyRevision = (arn) =>
  String(arn ?? '')
    .split('/')
    .pop();
const seconds = (t) => (t === undefined || t === null ? undefined : typeof t === 'number' ? t * 1000 : Date.parse(t));

function age(created) {
  const ms = Date.now() - seconds(created);
  if (!Number.isFinite(ms)) return '';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
}

const clock = (t) => (t === undefined ? '' : new Date(seconds(t)).toLocaleTimeString());

function ipOf(task) {
  const eni = (task.attachments ?? []).find((a) => a.type === 'ElasticNetworkInterface');
  return eni?.details?.find((d) => d.name === 'privateIPv4Address')?.value ?? '';
}

function replaceRows(tbody, rows) {
  tbody.replaceChildren(...rows);
}

function setConnection(ok, text) {
  const badge = $('connection');
  badge.dataset.state = ok ? 'live' : 'down';
  badge.textContent = text;
}

// ---- clusters, services, tasks -----------------------------------------------------------------------------------

async function refresh() {
  if (state.refreshing) {
    state.again = true;
    return;
  }
  state.refreshing = true;
  try {
    const clusterArns = await listAll('ListClusters', {}, 'clusterArns');
    drawClusters(clusterArns);
    if (state.cluster) {
      const [services, tasks] = await Promise.all([loadServices(state.cluster), loadTasks(state.cluster)]);
      drawServices(services);
      drawTasks(tasks);
      drawDetail();
    } else {
      drawServices([]);
      drawTasks([]);
    }
    setConnection(true, 'live');
  } catch (err) {
    setConnection(false, `${err.code ?? 'error'}: ${err.message}`);
  } finally {
    state.refreshing = false;
    if (state.again) {
      state.again = false;
      queueMicrotask(refresh);
    }
  }
}

function drawClusters(arns) {
  const select = $('cluster');
  if (!state.cluster || !arns.includes(state.cluster)) state.cluster = arns.find((a) => a.endsWith('/default')) ?? arns[0] ?? '';
  const current = [...select.options].map((o) => o.value).join(' ');
  if (current !== arns.join(' ')) select.replaceChildren(...arns.map((arn) => el('option', { value: arn, textContent: shortId(arn) })));
  select.value = state.cluster;
}

async function loadServices(cluster) {
  const arns = await listAll('ListServices', { cluster, maxResults: 100 }, 'serviceArns');
  return describeInChunks('DescribeServices', 'services', arns, 10, { cluster });
}

async function loadTasks(cluster) {
  const statuses = $('show-stopped').checked ? ['RUNNING', 'STOPPED'] : ['RUNNING'];
  const arns = [];
  for (const desiredStatus of statuses) arns.push(...(await listAll('ListTasks', { cluster, desiredStatus, maxResults: 100 }, 'taskArns')));
  const tasks = await describeInChunks('DescribeTasks', 'tasks', arns, 100, { cluster });
  return tasks.sort((a, b) => seconds(b.createdAt) - seconds(a.createdAt));
}

function drawServices(services) {
  replaceRows(
    $('services').tBodies[0],
    services.map((s) =>
      el(
        'tr',
        { 'data-service': s.serviceName },
        el('td', { textContent: s.serviceName }),
        el('td', { textContent: s.status }),
        el('td', { textContent: String(s.desiredCount ?? 0) }),
        el('td', { textContent: String(s.runningCount ?? 0), class: 'running-count' }),
        el('td', { textContent: String(s.pendingCount ?? 0) }),
        el(
          'td',
          {},
          (s.deployments ?? []).map((d) =>
            el('div', {
              textContent: `${d.status} ${familyRevision(d.taskDefinition)} ${d.rolloutState ?? ''} ${d.runningCount}/${d.desiredCount}`,
            }),
          ),
        ),
        el('td', { class: 'event', textContent: s.events?.[0]?.message ?? '' }),
      ),
    ),
  );
}

function drawTasks(tasks) {
  state.tasks = new Map(tasks.map((t) => [t.taskArn, t]));
  replaceRows(
    $('tasks').tBodies[0],
    tasks.map((t) => {
      const row = el(
        'tr',
        { 'data-task': shortId(t.taskArn), 'data-status': t.lastStatus, class: t.taskArn === state.selected ? 'selected' : '' },
        el('td', {}, el('a', { href: '#', textContent: shortId(t.taskArn).slice(0, 12) })),
        el('td', { textContent: familyRevision(t.taskDefinitionArn) }),
        el('td', { class: `status status-${String(t.lastStatus).toLowerCase()}`, textContent: t.lastStatus }),
        el('td', { textContent: t.healthStatus ?? '' }),
        el('td', { textContent: ipOf(t) }),
        el('td', { textContent: t.capacityProviderName ?? t.launchType ?? '' }),
        el('td', { textContent: age(t.createdAt) }),
        el('td', { class: 'reason', textContent: [t.stopCode, t.stoppedReason].filter(Boolean).join(': ') }),
      );
      row.addEventListener('click', (e) => {
        e.preventDefault();
        select(t.taskArn);
      });
      return row;
    }),
  );
}

function select(taskArn) {
  if (state.selected !== taskArn) {
    state.selected = taskArn;
    stopFollowingLogs();
    $('action-result').textContent = '';
  }
  for (const row of $('tasks').tBodies[0].rows) row.classList.toggle('selected', row.dataset.task === shortId(taskArn));
  drawDetail();
}

const TIMELINE = [
  ['createdAt', 'created'],
  ['pullStartedAt', 'pull started'],
  ['pullStoppedAt', 'pull stopped'],
  ['connectivityAt', 'connected'],
  ['startedAt', 'started'],
  ['stoppingAt', 'stopping'],
  ['executionStoppedAt', 'execution stopped'],
  ['stoppedAt', 'stopped'],
];

function drawDetail() {
  const task = state.tasks.get(state.selected);
  $('task-detail').hidden = !task;
  if (!task) return;
  $('detail-id').textContent = shortId(task.taskArn);
  $('timeline').replaceChildren(
    ...TIMELINE.filter(([k]) => task[k] !== undefined).map(([k, label]) =>
      el('li', { 'data-step': k }, el('time', { textContent: clock(task[k]) }), ` ${label}`),
    ),
  );
  $('containers').replaceChildren(
    ...(task.containers ?? []).map((c) =>
      el(
        'li',
        {},
        `${c.name}: ${c.lastStatus}`,
        c.healthStatus && c.healthStatus !== 'UNKNOWN' ? ` (${c.healthStatus})` : '',
        c.exitCode !== undefined ? ` exit ${c.exitCode}` : '',
        c.reason ? ` - ${c.reason}` : '',
      ),
    ),
  );
  const spot = task.capacityProviderName === 'FARGATE_SPOT' && task.lastStatus !== 'STOPPED' && task.desiredStatus !== 'STOPPED';
  $('interrupt').hidden = !spot;
  followLogs(task);
}

// ---- logs: the awslogs streams of the selected task, followed with GetLogEvents -----------------------------------

const taskDefinitions = new Map();

async function logTargets(task) {
  let def = taskDefinitions.get(task.taskDefinitionArn);
  if (!def) {
    def = (await ecs('DescribeTaskDefinition', { taskDefinition: task.taskDefinitionArn })).taskDefinition;
    taskDefinitions.set(task.taskDefinitionArn, def);
  }
  return (def.containerDefinitions ?? []).map((c) => {
    const cfg = c.logConfiguration;
    if (cfg?.logDriver !== 'awslogs') return { container: c.name };
    const o = cfg.options ?? {};
    return { container: c.name, group: o['awslogs-group'], stream: `${o['awslogs-stream-prefix']}/${c.name}/${shortId(task.taskArn)}` };
  });
}

function stopFollowingLogs() {
  if (state.logs) clearTimeout(state.logs.timer);
  state.logs = null;
  $('logs').textContent = '';
  $('log-container').replaceChildren();
}

async function followLogs(task) {
  if (state.logs?.taskArn === task.taskArn) return;
  stopFollowingLogs();
  const follow = { taskArn: task.taskArn, targets: [], token: undefined, timer: 0, target: undefined };
  state.logs = follow;
  try {
    follow.targets = await logTargets(task);
  } catch (err) {
    $('logs').textContent = `(cannot read the task definition: ${err.message})`;
    return;
  }
  if (state.logs !== follow) return;
  const picker = $('log-container');
  picker.replaceChildren(...follow.targets.map((t) => el('option', { value: t.container, textContent: t.container })));
  const choose = () => {
    follow.target = follow.targets.find((t) => t.container === picker.value) ?? follow.targets[0];
    follow.token = undefined;
    $('logs').textContent = '';
    clearTimeout(follow.timer);
    poll();
  };
  picker.onchange = choose;
  const poll = async () => {
    if (state.logs !== follow) return;
    const target = follow.target;
    if (!target?.group) {
      $('logs').textContent =
        `(container ${target?.container ?? ''} has no awslogs log configuration: as on AWS, none of its output reaches CloudWatch Logs; docker logs has it)`;
      return;
    }
    try {
      const page = await logs('GetLogEvents', {
        logGroupName: target.group,
        logStreamName: target.stream,
        startFromHead: true,
        ...(follow.token ? { nextToken: follow.token } : {}),
      });
      if (state.logs !== follow || follow.target !== target) return;
      const out = $('logs');
      const atBottom = out.scrollTop + out.clientHeight >= out.scrollHeight - 4;
      for (const e of page.events ?? [])
        out.append(el('div', { class: 'line' }, el('time', { textContent: clock(e.timestamp / 1000) }), ` ${e.message}`));
      if (atBottom) out.scrollTop = out.scrollHeight;
      follow.token = page.nextForwardToken ?? follow.token;
    } catch (err) {
      if (err.code !== 'ResourceNotFoundException') $('logs').dataset.error = err.message;
    }
    follow.timer = setTimeout(poll, LOG_POLL_MS);
  };
  choose();
}

// ---- events, Spot, faults ---------------------------------------------------------------------------------------

function connectEvents() {
  const source = new EventSource(`${CONTROL}/events`);
  source.addEventListener('error', () => setConnection(false, 'event stream reconnecting…'));
  const onEvent = (e) => {
    const event = JSON.parse(e.data);
    const detail = event.detail ?? {};
    const what = detail.eventName ?? detail.lastStatus ?? '';
    const subject = shortId(detail.taskArn ?? detail.resources?.[0] ?? event.resources?.[0] ?? '');
    const item = el(
      'li',
      {},
      el('time', { textContent: clock(event.time) }),
      ` ${event['detail-type']}`,
      what ? ` ${what}` : '',
      subject ? ` ${subject}` : '',
    );
    $('events').prepend(item);
    while ($('events').children.length > MAX_EVENTS) $('events').lastElementChild.remove();
    refresh();
  };
  for (const type of [
    'ECS Task State Change',
    'ECS Service Action',
    'ECS Deployment State Change',
    'ECS Container Instance State Change',
  ]) {
    source.addEventListener(type, onEvent);
  }
  source.onmessage = onEvent;
}

async function interruptSelected() {
  const task = state.tasks.get(state.selected);
  if (!task) return;
  if (!window.confirm(`Interrupt Spot task ${shortId(task.taskArn)}? It gets SIGTERM now and is stopped with SpotInterruption.`)) return;
  try {
    const out = await control('POST', '/spot/interrupt', { cluster: task.clusterArn, task: task.taskArn });
    $('action-result').textContent = `interrupted ${out.interrupted.map(shortId).join(', ')}`;
  } catch (err) {
    $('action-result').textContent = `${err.code}: ${err.message}`;
  }
  refresh();
}

async function refreshFaults() {
  try {
    const { faults } = await control('GET', '/faults');
    $('faults').replaceChildren(
      ...faults.map((f) => {
        const clear = el('button', { type: 'button', textContent: 'Clear' });
        clear.addEventListener('click', async () => {
          if (!window.confirm(`Clear the fault ${f.kind}?`)) return;
          await control('DELETE', `/faults/${encodeURIComponent(f.id)}`).catch(() => undefined);
          refreshFaults();
        });
        return el('li', { 'data-fault': f.kind }, `${f.kind}${f.error ? ` (${f.error})` : ''} `, clear);
      }),
    );
  } catch {
    // shown by the connection badge on the next refresh
  }
}

async function setFault(e) {
  e.preventDefault();
  const kind = $('fault-kind').value;
  if (!window.confirm(`Set the fault ${kind}? The emulator answers as AWS does while it lasts.`)) return;
  await control('POST', '/faults', { kind }).catch((err) => {
    $('action-result').textContent = `${err.code}: ${err.message}`;
  });
  refreshFaults();
}

function start() {
  $('cluster').addEventListener('change', () => {
    state.cluster = $('cluster').value;
    state.selected = '';
    stopFollowingLogs();
    refresh();
  });
  $('show-stopped').addEventListener('change', refresh);
  $('interrupt').addEventListener('click', interruptSelected);
  $('fault-form').addEventListener('submit', setFault);
  connectEvents();
  refresh();
  refreshFaults();
  setInterval(refresh, REFRESH_MS);
  setInterval(refreshFaults, REFRESH_MS * 2);
}

start();
