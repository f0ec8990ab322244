import { DatePicker } from "@patternfly/react-core";
import { useTranslation } from "react-i18next";

const endOfDay = (day: Date) => new Date(day.getFullYear(), day.getMonth(), day.getDate(), 23, 59, 59, 999).getTime();

/** A typed day (yyyy-MM-dd) as the API's expiry: the end of that day in the reader's time zone, epoch ms. */
export function expiryOfDay(text: string) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match ? endOfDay(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : NaN;
}

/** Whether a typed expiry can be sent: empty (never expires) or a day that has not ended. */
export const isValidExpiry = (text: string) => text === "" || expiryOfDay(text) > Date.now();

/** An optional expiry day, typed as yyyy-MM-dd or picked in the calendar. */
export const ExpiryDatePicker = ({ id, value, onChange }: { id: string; value: string; onChange: (value: string) => void }) => {
  const { t } = useTranslation();
  return (
    <DatePicker
      value={value}
      onChange={(_event, text) => onChange(text)}
      inputProps={{ id }}
      placeholder="yyyy-MM-dd"
      invalidFormatText={t("iotTokenExpiryInvalid")}
      validators={[(day) => (endOfDay(day) <= Date.now() ? t("iotTokenExpiryPast") : "")]}
    />
  );
};
