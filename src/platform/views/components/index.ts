/** DSFR 1.15 components as typed TSX wrappers rendered on the server with @kitajs/html. */
export { Accordion, type AccordionItem, type AccordionProps, AccordionsGroup } from './Accordion.js';
export { Alert, type AlertProps } from './Alert.js';
export { type AccentColor, Badge, type BadgeProps, BadgesGroup } from './Badge.js';
export { Breadcrumb, type BreadcrumbProps } from './Breadcrumb.js';
export { Button, type ButtonProps, ButtonsGroup, type ButtonsGroupProps } from './Button.js';
export { Card, type CardProps } from './Card.js';
export {
  Checkbox,
  CheckboxGroup,
  type CheckboxGroupProps,
  type CheckboxProps,
  type ChoiceOption,
} from './Checkbox.js';
export { type CatalogueEntry, ComponentCatalogue, catalogue } from './catalogue.js';
export { ErrorSummary, type ErrorSummaryProps, type FieldError } from './ErrorSummary.js';
export { FranceMap, type FranceMapLevel, type FranceMapProps, mapBuckets, mapCodes } from './FranceMap.js';
export { Input, type InputProps, Textarea, type TextareaProps } from './Input.js';
export { Modal, ModalButton, type ModalButtonProps, type ModalProps } from './Modal.js';
export { Notice, type NoticeProps } from './Notice.js';
export { type PageItem, Pagination, type PaginationProps, paginationWindow } from './Pagination.js';
export { RadioGroup, type RadioGroupProps } from './Radio.js';
export { SearchBar, type SearchBarProps } from './SearchBar.js';
export { Select, type SelectOption, type SelectOptionGroup, type SelectProps } from './Select.js';
export { Stepper, type StepperProps } from './Stepper.js';
export {
  type ComponentExample,
  type ComponentLabels,
  componentsFr,
  type FieldProps,
  fieldId,
  type HeadingLevel,
  optionId,
  safeUrl,
} from './shared.js';
export { Table, type TableColumn, type TableProps } from './Table.js';
export { type TabItem, Tabs, type TabsProps, tabId, tabPanelId } from './Tabs.js';
export { Tag, type TagProps, TagsGroup } from './Tag.js';
export { Tile, type TileProps } from './Tile.js';
export { Toggle, type ToggleProps } from './Toggle.js';
export { Upload, type UploadProps, uploadHint } from './Upload.js';
