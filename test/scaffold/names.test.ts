import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  camelCase,
  constantCase,
  indefiniteArticle,
  kebabCase,
  pascalCase,
  pluralize,
  splitWords,
  withArticle,
} from '../../scaffold/src/names.js';
import { resourceNames } from '../../scaffold/src/layer/names.js';

describe('names', () => {
  it('splits every spelling of a name into the same words', () => {
    for (const spelling of ['orderItem', 'OrderItem', 'order-item', 'order_item', 'order item']) {
      assert.deepEqual(
        splitWords(spelling).map((word) => word.toLowerCase()),
        ['order', 'item'],
        spelling,
      );
    }
    assert.deepEqual(splitWords('HTTPServer'), ['HTTP', 'Server']);
  });

  it('spells a name in kebab, camel, Pascal and constant case', () => {
    assert.equal(kebabCase('maxRetries'), 'max-retries');
    assert.equal(camelCase('max-retries'), 'maxRetries');
    assert.equal(pascalCase('max retries'), 'MaxRetries');
    assert.equal(pascalCase('baseURL'), 'BaseURL');
    assert.equal(constantCase('ClientConfig'), 'CLIENT_CONFIG');
  });

  it('pluralizes the last word', () => {
    assert.deepEqual(['order', 'address', 'category', 'box', 'key'].map(pluralize), [
      'orders',
      'addresses',
      'categories',
      'boxes',
      'keys',
    ]);
  });

  it('picks the article from the sound of the first word', () => {
    const cases: Array<[string, 'a' | 'an']> = [
      ['order', 'an'],
      ['item', 'an'],
      ['invoice line', 'an'],
      ['user', 'a'],
      ['unit', 'a'],
      ['euro payment', 'a'],
      ['hour slot', 'an'],
      ['umbrella', 'an'],
      ['product', 'a'],
    ];
    for (const [phrase, article] of cases) assert.equal(indefiniteArticle(phrase), article, phrase);
    assert.equal(withArticle('order'), 'an order');
  });

  it('gives the layered generator its article and plural prose', () => {
    const order = resourceNames('order');
    assert.equal(order.aWords, 'an order');
    assert.equal(order.wordsPlural, 'orders');
    const address = resourceNames('shippingAddress');
    assert.deepEqual(
      [address.kebab, address.camel, address.pascal, address.kebabPlural, address.wordsPlural, address.aWords],
      [
        'shipping-address',
        'shippingAddress',
        'ShippingAddress',
        'shipping-addresses',
        'shipping addresses',
        'a shipping address',
      ],
    );
  });
});
