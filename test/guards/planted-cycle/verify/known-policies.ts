export interface PolicyJson {
  Statement: unknown[];
}
