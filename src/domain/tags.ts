export interface Tag {
  key: string;
  value: string;
}
