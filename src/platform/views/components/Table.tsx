import Html from '@kitajs/html';

export interface TableColumn<Row> {
  /** Column header (user text, escaped). */
  header: string;
  /** Cell text (escaped). Use `render` instead for links, badges… */
  value?: (row: Row) => string | number | null | undefined;
  /** Cell markup already rendered by components (not escaped). */
  render?: (row: Row) => JSX.Element;
  /** Cells of this column are row headers (`<th scope="row">`), e.g. the dossier's name. */
  rowHeader?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Minimal width (`fr-col--xs` 64px … `fr-col--lg` 400px). */
  width?: 'xs' | 'sm' | 'md' | 'lg';
}

export interface TableProps<Row> {
  /** Title of the table, mandatory (RGAA 5.4): rendered as `<caption>`. */
  caption: string;
  captionPosition?: 'top' | 'bottom' | 'hidden';
  columns: TableColumn<Row>[];
  rows: readonly Row[];
  /** Text of the single row shown when `rows` is empty ("Aucun dossier ne correspond…"). */
  emptyText?: string;
  size?: 'sm' | 'md' | 'lg';
  bordered?: boolean;
  /** Let the table wrap instead of scrolling horizontally. */
  noScroll?: boolean;
  /** Let every cell wrap on several lines. */
  multiline?: boolean;
  id?: string;
}

function cellClass<Row>(column: TableColumn<Row>) {
  return [
    column.align === 'center' && 'fr-cell--center',
    column.align === 'right' && 'fr-cell--right',
    column.width && `fr-col--${column.width}`,
  ];
}

function CellContent<Row>(props: { column: TableColumn<Row>; row: Row }): JSX.Element {
  const { column, row } = props;
  if (column.render) {
    const rendered = column.render(row);
    return rendered;
  }
  const value = column.value?.(row);
  return value === null || value === undefined ? '' : Html.escapeHtml(String(value));
}

/** DSFR "Tableau" (`fr-table`) with its caption, column headers and optional row headers. */
export function Table<Row>(props: TableProps<Row>): JSX.Element {
  const position = props.captionPosition ?? 'top';
  return (
    <div
      id={props.id}
      class={[
        'fr-table',
        position === 'bottom' && 'fr-table--caption-bottom',
        position === 'hidden' && 'fr-table--no-caption',
        props.size === 'sm' && 'fr-table--sm',
        props.size === 'lg' && 'fr-table--lg',
        props.bordered === true && 'fr-table--bordered',
        props.noScroll === true && 'fr-table--no-scroll',
        props.multiline === true && 'fr-table--multiline',
      ]}
    >
      <div class="fr-table__wrapper">
        <div class="fr-table__container">
          <div class="fr-table__content">
            <table>
              <caption safe>{props.caption}</caption>
              <thead>
                <tr>
                  {props.columns.map((column) => (
                    <th scope="col" class={cellClass(column)} safe>
                      {column.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.rows.length === 0 && props.emptyText ? (
                  <tr>
                    <td colspan={props.columns.length} safe>
                      {props.emptyText}
                    </td>
                  </tr>
                ) : (
                  props.rows.map((row) => (
                    <tr>
                      {props.columns.map((column) =>
                        column.rowHeader ? (
                          <th scope="row" class={cellClass(column)}>
                            <CellContent column={column} row={row} />
                          </th>
                        ) : (
                          <td class={cellClass(column)}>
                            <CellContent column={column} row={row} />
                          </td>
                        ),
                      )}
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
