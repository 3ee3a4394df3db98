export interface AccountSettingRecord {
  name: string;
  value: string;
  principalArn: string;
}
