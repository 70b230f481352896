import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Accordion, AccordionsGroup } from './Accordion.js';
import { Alert } from './Alert.js';
import { Badge, BadgesGroup } from './Badge.js';
import { Breadcrumb } from './Breadcrumb.js';
import { Button } from './Button.js';
import { Card } from './Card.js';
import { Checkbox, CheckboxGroup } from './Checkbox.js';
import { ErrorSummary } from './ErrorSummary.js';
import { Input, Textarea } from './Input.js';
import { Modal, ModalButton } from './Modal.js';
import { Notice } from './Notice.js';
import { Pagination } from './Pagination.js';
import { RadioGroup } from './Radio.js';
import { SearchBar } from './SearchBar.js';
import { Select } from './Select.js';
import { Stepper } from './Stepper.js';
import { Table } from './Table.js';
import { Tabs } from './Tabs.js';
import { Tag, TagsGroup } from './Tag.js';
import { Tile } from './Tile.js';
import { Toggle } from './Toggle.js';
import { $$, allElements, dom, parse, render, text } from './testing.js';
import { Upload } from './Upload.js';

/** What a malicious user could type in any field that ends up in a page. */
const x = '<script>alert(1)</script>';
/** The same, trying to break out of an attribute. */
const q = '"><script>alert(1)</script><b class="';
const js = 'javascript:alert(1)';

const cases: [string, () => JSX.Element][] = [
  ['Input', () => <Input name={q} id={q} label={x} hint={x} error={x} value={q} placeholder={q} />],
  ['Input valid', () => <Input name="a" label={x} valid={x} />],
  ['Textarea', () => <Textarea name={q} label={x} hint={x} error={x} value={`</textarea>${x}`} />],
  [
    'Select',
    () => (
      <Select
        name={q}
        label={x}
        hint={x}
        error={x}
        value={q}
        placeholder={x}
        options={[
          { value: q, label: x },
          { label: q, options: [{ value: x, label: x }] },
        ]}
      />
    ),
  ],
  ['Checkbox', () => <Checkbox name={q} label={x} hint={x} error={x} value={q} />],
  [
    'CheckboxGroup',
    () => (
      <CheckboxGroup
        name={q}
        label={x}
        hint={x}
        error={x}
        options={[{ value: q, label: x, hint: x }]}
        values={[q]}
      />
    ),
  ],
  [
    'RadioGroup',
    () => <RadioGroup name={q} label={x} hint={x} error={x} options={[{ value: q, label: x, hint: x }]} />,
  ],
  ['Toggle', () => <Toggle name={q} label={x} hint={x} error={x} value={q} />],
  ['Upload', () => <Upload name={q} label={x} hint={x} error={x} maxSize={x} accept={[x]} />],
  ['Button', () => <Button label={x} name={q} value={q} />],
  ['Button link', () => <Button label={x} href={js} newWindow />],
  ['Button icon only', () => <Button label={q} icon="fr-icon-delete-line" iconPosition="only" />],
  ['Alert', () => <Alert type="error" title={x} description={x} />],
  ['Notice', () => <Notice title={x} description={x} link={{ href: js, label: x, newWindow: true }} />],
  ['Badge', () => <Badge label={x} />],
  ['BadgesGroup', () => <BadgesGroup badges={[{ label: x, as: 'span' }]} />],
  [
    'Tag',
    () => (
      <TagsGroup
        tags={[
          { label: x },
          { label: x, href: js },
          { label: x, pressed: true, value: q },
          { label: q, dismissHref: js },
        ]}
      />
    ),
  ],
  ['Tag disabled', () => <Tag label={x} href="/" disabled />],
  [
    'Card',
    () => (
      <Card
        title={x}
        href={js}
        newWindow
        description={x}
        detailStart={x}
        detailEnd={x}
        badges={[{ label: x }]}
        tags={[{ label: x }]}
        image={{ src: js, alt: q }}
      />
    ),
  ],
  ['Card without link', () => <Card title={x} />],
  ['Tile', () => <Tile title={x} href={js} description={x} detail={x} badge={{ label: x }} pictogram={js} />],
  [
    'Table',
    () => (
      <Table<{ v: string }>
        caption={x}
        rows={[{ v: x }]}
        columns={[
          { header: x, value: (row) => row.v },
          { header: q, value: (row) => row.v, rowHeader: true },
        ]}
      />
    ),
  ],
  [
    'Table empty',
    () => <Table<{ v: string }> caption={x} rows={[]} emptyText={x} columns={[{ header: x }]} />,
  ],
  ['Pagination', () => <Pagination current={2} total={3} href={() => js} ariaLabel={q} />],
  ['Breadcrumb', () => <Breadcrumb items={[{ label: x, href: js }]} current={x} id={q} />],
  ['Tabs', () => <Tabs id={q} label={q} tabs={[{ label: x, content: '' }]} />],
  ['Accordion', () => <Accordion id={q} title={x} />],
  ['AccordionsGroup', () => <AccordionsGroup items={[{ id: 'a', title: x, content: '' }]} />],
  ['Modal', () => <Modal id={q} title={x} />],
  ['ModalButton', () => <ModalButton modalId={q} label={x} />],
  ['Stepper', () => <Stepper title={x} current={1} total={2} nextTitle={x} />],
  ['ErrorSummary', () => <ErrorSummary errors={[{ field: q, message: x }]} title={x} id={q} />],
  [
    'SearchBar',
    () => <SearchBar id={q} name={q} value={q} label={x} placeholder={q} action={js} error={x} />,
  ],
];

describe('escaping of user text', () => {
  for (const [name, element] of cases) {
    it(`${name} prints user text as text, never as markup`, async () => {
      const html = await render(element());
      const root = parse(html);
      const tags = new Set(allElements(root).map((el) => el.tag));
      assert.ok(!tags.has('script'), `${name} rendered a <script> element:\n${html}`);
      assert.ok(
        !allElements(root).some((el) => el.tag === 'b'),
        `${name} let an attribute value break out into markup:\n${html}`,
      );
      if (name !== 'Pagination')
        assert.ok(text(root).includes('<script>alert(1)</script>'), `${name} shows the text`);
      for (const el of allElements(root)) {
        for (const attr of ['href', 'src', 'action', 'formaction']) {
          assert.ok(!/^\s*javascript:/i.test(el.attrs[attr] ?? ''), `${name} kept a javascript: ${attr}`);
        }
      }
    });
  }

  it('keeps the exact text a user typed (escaped once, not twice)', async () => {
    const root = await dom(<Input name="nom" label="Nom" value={x} error={`Valeur « ${x} » refusée`} />);
    assert.equal($$(root, 'input')[0]?.attrs.value, x);
    assert.equal(text($$(root, '.fr-message--error')[0]), `Valeur « ${x} » refusée`);
    assert.equal(text($$(root, 'label')[0]), 'Nom');
  });
});
