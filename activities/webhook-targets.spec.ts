import { isPublicAddress, webhookUrlProblem } from './webhook-targets';

describe('isPublicAddress', () => {
  it.each([
    '0.0.0.0', '10.1.2.3', '100.64.0.1', '100.127.255.254', '127.0.0.1', '127.255.0.9', '169.254.169.254', '172.16.0.1', '172.31.255.255', '192.168.1.1',
    '192.0.2.1', '198.18.0.1', '224.0.0.1', '239.255.255.250', '255.255.255.255',
    '::', '::1', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd12:3456::1', 'ff02::1', '2001:db8::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::127.0.0.1', '64:ff9b::a00:1', '64:ff9b::192.168.0.1', '2002:c0a8:101::1',
    'not-an-address', '',
  ])('%s is not public', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '203.0.114.1', '2001:4860:4860::8888', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])(
    '%s is public',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );
});

describe('webhookUrlProblem', () => {
  it.each([
    ['http://simrs.example.go.id/hook', /https/],
    ['https://localhost/hook', /public host/],
    ['https://LOCALHOST./hook', /public host/],
    ['https://api.localhost/hook', /public host/],
    ['https://postgresql:5432/hook', /public host/],
    ['https://printer.local/hook', /public host/],
    ['https://simrs.internal/hook', /public host/],
    ['https://router.home.arpa/hook', /public host/],
    ['https://127.0.0.1:8443/hook', /public address/],
    ['https://0x7f.1/hook', /public address/],
    ['https://2130706433/hook', /public address/],
    ['https://10.0.0.5/hook', /public address/],
    ['https://100.64.1.1/hook', /public address/],
    ['https://169.254.169.254/latest/meta-data', /public address/],
    ['https://[::1]/hook', /public address/],
    ['https://[::ffff:127.0.0.1]/hook', /public address/],
    ['https://[fd00::5]/hook', /public address/],
    ['https://[fe80::1]/hook', /public address/],
    ['https://0.0.0.0/hook', /public address/],
    ['https://224.0.0.1/hook', /public address/],
    ['not a url', /URL/],
  ])('production refuses %s', (url, problem) => expect(webhookUrlProblem(url, 'public-https')).toMatch(problem));

  it.each(['https://simrs.example.go.id/sinergi/tasks', 'https://8.8.8.8/hook', 'https://[2001:4860:4860::8888]:8443/hook'])('production accepts %s', (url) =>
    expect(webhookUrlProblem(url, 'public-https')).toBeNull(),
  );

  it.each(['http://127.0.0.1:4000/hook', 'http://localhost/hook', 'https://postgresql/hook'])('outside production accepts the local receiver %s', (url) =>
    expect(webhookUrlProblem(url, 'any')).toBeNull(),
  );
});
