export type {
  Channel,
  ChoiceActor,
  ChoiceEntryPermission,
  ChoiceRefusal,
  ChoiceSubject,
} from './may-enter-choice.ts';
export { mayEnterChoice } from './may-enter-choice.ts';
