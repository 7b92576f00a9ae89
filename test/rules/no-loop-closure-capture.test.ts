import rule from '../../rules/src/rules/no-loop-closure-capture.js';
import { createRuleTester } from './rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('no-loop-closure-capture', rule, {
  valid: ['for (let i = 0; i < 3; i++) setTimeout(() => console.log(i));'],
  invalid: [],
});
