import {
  canonicalAttribute,
  readAttribute,
  readInteger,
  readText,
} from './semanticConventions';

describe('semantic conventions', () => {
  it('reads the current name first and older ones after it', () => {
    expect(readText({ 'messaging.message_id': 'old' }, 'messageId')).toBe(
      'old',
    );
    expect(
      readText(
        { 'messaging.message_id': 'old', 'messaging.message.id': 'new' },
        'messageId',
      ),
    ).toBe('new');
    expect(readInteger({ 'http.status_code': 503 }, 'httpStatus')).toBe(503);
    expect(readInteger({ 'http.status_code': '404' }, 'httpStatus')).toBe(404);
    expect(
      readInteger({ 'http.status_code': 'x' }, 'httpStatus'),
    ).toBeUndefined();
    expect(readText({ 'http.target': '/a?b' }, 'urlPath')).toBe('/a?b');
    expect(readText({ 'messaging.destination': 'orders' }, 'destination')).toBe(
      'orders',
    );
    expect(canonicalAttribute('messageId')).toBe('messaging.message.id');
  });

  it('treats a prototype-free map safely and ignores empty values', () => {
    const attrs = Object.create(null);
    attrs['messaging.message.id'] = '';
    attrs['messaging.message_id'] = 'm-1';
    expect(readAttribute(attrs, 'messageId')).toBe('m-1');
    expect(
      readAttribute({ __proto__: { 'http.route': '/x' } }, 'httpRoute'),
    ).toBeUndefined();
  });
});
