export default defineBackground(() => {
  // Wiring comes with the live-data issue.
});
