import { describe, expect, it } from 'vitest';
import { isJsonContentType } from '../../src/parse/content-type.ts';

const CASES: { contentType: string | null; json: boolean }[] = [
  { contentType: 'application/json', json: true },
  { contentType: 'application/json; charset=utf-8', json: true },
  { contentType: 'application/json;charset=utf-8', json: true },
  { contentType: 'application/json ; charset=utf-8', json: true },
  { contentType: '  application/json  ', json: true },
  { contentType: 'APPLICATION/JSON', json: true },
  { contentType: 'application/problem+json', json: true },
  { contentType: 'application/problem+json; charset=utf-8', json: true },
  { contentType: 'Application/Problem+JSON;Charset=UTF-8', json: true },
  { contentType: 'application/vnd.agnes.v1+json', json: true },
  { contentType: 'application/merge-patch+json', json: true },
  { contentType: null, json: false },
  { contentType: '', json: false },
  { contentType: 'text/html', json: false },
  { contentType: 'text/json', json: false },
  { contentType: 'application/jsonx', json: false },
  { contentType: 'application/json-seq', json: false },
  { contentType: 'application/x-json', json: false },
  { contentType: 'application/+json', json: false },
  { contentType: 'multipart/form-data; boundary=json', json: false },
  { contentType: 'text/plain; format=application/json', json: false },
];

describe('isJsonContentType', () => {
  it.each(CASES)('$contentType → $json', ({ contentType, json }) => {
    expect(isJsonContentType(contentType)).toBe(json);
  });
});
