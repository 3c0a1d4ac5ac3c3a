// Every size limit of the product in one place: schemas, server and client read them from here.
export const LIMITS = {
  nameMax: 200,
  emailMax: 254,
  phoneMax: 32,
  urlMax: 2048,
  textValueMax: 2000,
  labelMax: 64,
  labelsPerConversation: 20,
  fieldKeyMax: 64,
  fieldLabelMax: 80,
  fieldOptionsMax: 100,
  fieldOptionMax: 80,
  customFieldsPerRecord: 100,
  segmentNameMax: 120,
  filterConditionsMax: 50,
  messageTextMax: 4000,
  previewMax: 280,
  channelMax: 40,
  /** Mutations accepted in one push request. */
  pushBatchMax: 1000,
  /** Ids in one bulk delete mutation. */
  bulkDeleteMax: 10000,
  /** Default and maximum number of changes in one pull page. */
  pullPageDefault: 2000,
  pullPageMax: 5000,
  /** Largest accepted request body, in bytes. */
  requestBodyMaxBytes: 8 * 1024 * 1024,
} as const;
