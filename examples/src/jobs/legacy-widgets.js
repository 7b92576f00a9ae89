// Plain JavaScript: Tripwire's rules need no TypeScript and no type information.

export function bindWidgets(widgets, onSelect) {
  var handlers = [];
  for (var name in widgets) {
    var widget = widgets[name];
    handlers.push(function () {
      onSelect(name, widget);
    });
  }
  return handlers;
}

export function watchButtons(buttons) {
  for (var index = 0; index < buttons.length; index++) {
    buttons[index].addEventListener('click', () => {
      console.log('clicked button', index);
    });
  }
}
