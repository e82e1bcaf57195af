Component({
  properties: { value: String },
  methods: {
    onChange(event) {
      this.triggerEvent('change', { city: event.detail.value });
    },
  },
});
