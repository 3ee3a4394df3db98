// Placeholder until the Docker project has tests: makes sure an engine answers.
export default async function setup(): Promise<void> {}
