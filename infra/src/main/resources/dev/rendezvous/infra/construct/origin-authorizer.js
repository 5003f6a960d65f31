// API Gateway (HTTP API) Lambda authorizer, simple responses: lets a request through only when it
// carries the header CloudFront adds on its way to the API, so that nobody can skip CloudFront's
// per-address limits by calling the API's own endpoint. API Gateway answers 401 by itself when the
// header is missing and caches each answer per header value, so this runs about once an hour.
'use strict';
const crypto = require('crypto');

const HEADER = 'x-rendezvous-origin';

function digest(value) {
  return crypto.createHash('sha256').update(String(value), 'utf8').digest();
}

exports.handler = async (event) => {
  const expected = process.env.ORIGIN_SECRET || '';
  const headers = (event && event.headers) || {};
  const given = headers[HEADER];
  // Equal-length digests, compared in constant time: no early exit on the first differing byte.
  const authorized =
    expected.length > 0 &&
    typeof given === 'string' &&
    crypto.timingSafeEqual(digest(given), digest(expected));
  return { isAuthorized: authorized };
};
